extension Assets {
    /// The console: a WebSocket to the learner's session, history, Tab completion, argument hints.
    static let consoleScript = #"""
        const Console = (() => {
          const out = document.getElementById("console-output");
          if (!out) return null;
          const input = document.getElementById("console-input");
          const promptEl = document.getElementById("console-prompt");
          const hintEl = document.getElementById("console-hint");
          const stateEl = document.getElementById("console-state");
          const lesson = document.body.dataset.lesson || "";
          const history = JSON.parse(localStorage.getItem("redislings-history") || "[]");
          let historyIndex = history.length, socket = null, queue = [], pendingCompletion = null;
          function append(text, cls) {
            const span = document.createElement("span");
            if (cls) span.className = cls;
            span.textContent = text.endsWith("\n") ? text : text + "\n";
            out.appendChild(span);
            out.scrollTop = out.scrollHeight;
          }
          function send(message) {
            if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
            else queue.push(message);
          }
          function connect() {
            const url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws/console?lesson=" + encodeURIComponent(lesson);
            socket = new WebSocket(url);
            socket.onopen = () => { while (queue.length) socket.send(JSON.stringify(queue.shift())); };
            socket.onmessage = (event) => {
              const m = JSON.parse(event.data);
              if (m.type === "output") append(m.text, m.text.startsWith("1) \"message\"") || m.text.startsWith("1) \"pmessage\"") ? "push" : "");
              else if (m.type === "prompt") {
                promptEl.textContent = m.text;
                stateEl.textContent = (m.transaction ? "(TX) " : "") + (m.subscribed ? "(subscribed)" : "");
                stateEl.className = m.subscribed ? "subscribed" : (m.transaction ? "tx" : "");
                document.body.dataset.consoleReady = "yes";
              } else if (m.type === "error") append(m.text, "error");
              else if (m.type === "hint") showHint(m.text);
              else if (m.type === "completions") complete(m);
              else if (m.type === "result") showCheckResult(m.report, out);
            };
            socket.onclose = () => { append("(the console's connection closed; reload the page to open a new one)", "error"); document.body.dataset.consoleReady = "closed"; };
          }
          function showHint(text) {
            hintEl.textContent = text || "";
            const width = input.value.length + 1;
            input.style.width = width + "ch";
          }
          function complete(m) {
            if (!m.candidates.length) return;
            const value = input.value, head = value.slice(0, value.length - m.word.length);
            if (m.candidates.length === 1) input.value = head + m.candidates[0] + " ";
            else {
              let prefix = m.candidates[0];
              for (const c of m.candidates) while (!c.startsWith(prefix)) prefix = prefix.slice(0, -1);
              if (prefix.length > m.word.length) input.value = head + prefix;
              else append(m.candidates.join("  "), "echo");
            }
            send({ type: "hint", text: input.value });
          }
          function run(line) {
            append(promptEl.textContent + line, "echo");
            if (line.trim() && history[history.length - 1] !== line) { history.push(line); localStorage.setItem("redislings-history", JSON.stringify(history.slice(-500))); }
            historyIndex = history.length;
            send({ type: "line", text: line });
          }
          input.addEventListener("keydown", (event) => {
            if (event.key === "Enter") { const line = input.value; input.value = ""; showHint(""); run(line); event.preventDefault(); }
            else if (event.key === "Tab") { send({ type: "complete", text: input.value }); event.preventDefault(); }
            else if (event.key === "ArrowUp" && historyIndex > 0) { input.value = history[--historyIndex]; event.preventDefault(); }
            else if (event.key === "ArrowDown") { historyIndex = Math.min(history.length, historyIndex + 1); input.value = history[historyIndex] || ""; event.preventDefault(); }
          });
          input.addEventListener("input", () => send({ type: "hint", text: input.value }));
          connect();
          input.focus();
          return { run, send, append };
        })();
        """#
}
