extension Assets {
    /// The chat page: joins a room over a WebSocket and remembers the last stream id seen per room.
    static let chatScript = #"""
        "use strict";
        (() => {
          const messages = document.getElementById("chat-messages"), commands = document.getElementById("chat-commands");
          const status = document.getElementById("chat-status"), nameInput = document.getElementById("chat-name");
          const params = new URLSearchParams(location.search);
          let room = params.get("room") || localStorage.getItem("chat-room") || "lobby", socket = null;
          const seen = new Set();
          nameInput.value = params.get("name") || localStorage.getItem("chat-name") || "guest";
          // Per room and name: two windows of one browser share localStorage but each reader has its own place.
          function lastKey() { return "chat-last:" + room + ":" + nameInput.value; }
          function show(m) {
            if (seen.has(m.id)) return;
            seen.add(m.id);
            const div = document.createElement("div");
            div.className = "msg" + (m.history ? " history" : "");
            div.dataset.id = m.id;
            const who = document.createElement("span"); who.className = "who"; who.textContent = m.user + ": ";
            const text = document.createElement("span"); text.className = "text"; text.textContent = m.text;
            const id = document.createElement("span"); id.className = "id"; id.textContent = "  " + m.id;
            div.append(who, text, id);
            messages.appendChild(div);
            messages.scrollTop = messages.scrollHeight;
            localStorage.setItem(lastKey(), m.id);
          }
          function join() {
            if (socket) { socket.onclose = null; socket.close(); }
            localStorage.setItem("chat-room", room); localStorage.setItem("chat-name", nameInput.value);
            document.querySelectorAll("#chat-rooms li").forEach((li) => li.classList.toggle("active", li.dataset.room === room));
            messages.textContent = ""; seen.clear();
            const after = localStorage.getItem(lastKey());
            let url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws/chat?room=" + encodeURIComponent(room) + "&name=" + encodeURIComponent(nameInput.value);
            if (after) url += "&after=" + encodeURIComponent(after);
            socket = new WebSocket(url);
            socket.onmessage = (event) => {
              const m = JSON.parse(event.data);
              if (m.type === "message") show(m);
              else if (m.type === "command") { commands.textContent += m.text + "\n"; commands.scrollTop = commands.scrollHeight; }
              else if (m.type === "caught-up") { status.textContent = m.text ? `caught up: ${m.count} message(s) after ${m.text}` : `joined ${room}: ${m.count} message(s) of history`; document.body.dataset.chatReady = "yes"; }
              else if (m.type === "error") status.textContent = m.text;
            };
            socket.onclose = () => { status.textContent = "disconnected; reconnecting…"; document.body.dataset.chatReady = "no"; setTimeout(join, 1000); };
          }
          document.getElementById("chat-rooms").addEventListener("click", (e) => { if (e.target.dataset.room) { room = e.target.dataset.room; join(); } });
          document.getElementById("chat-join").addEventListener("click", join);
          document.getElementById("chat-form").addEventListener("submit", (e) => {
            e.preventDefault();
            const input = document.getElementById("chat-text");
            if (input.value && socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ type: "post", text: input.value }));
            input.value = "";
          });
          join();
        })();
        """#
}
