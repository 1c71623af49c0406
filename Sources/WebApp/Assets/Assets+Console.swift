extension Assets {
    /// The console: a WebSocket to the learner's session, history, Tab completion, argument hints.
    static let consoleScript = #"""
        "use strict";
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
              else if (m.type === "result") showResult(m.report);
            };
            socket.onclose = () => { append("(the console's connection closed; reload the page to open a new one)", "error"); document.body.dataset.consoleReady = "closed"; };
          }
          // A check's result, in the page: the exercise page's result box, else one above the console.
          function showResult(report) {
            let box = document.getElementById("check-result");
            if (!box) {
              box = document.createElement("section");
              box.id = "check-result";
              out.parentElement.insertBefore(box, out);
            }
            const r = report.result;
            const verdict = r.status === "passed" ? "passed" : r.status === "failed" ? "not yet" : "stopped with an error";
            box.hidden = false;
            box.className = "check-result " + r.status;
            box.dataset.exercise = report.exercise;
            box.replaceChildren();
            const title = document.createElement("h2");
            title.textContent = `Exercise ${report.short_name} ${report.title}: `;
            const score = document.createElement("span");
            score.className = "score";
            score.textContent = `${r.score}/${r.max_score} ${verdict}`;
            title.appendChild(score);
            box.appendChild(title);
            const list = document.createElement("ul");
            list.className = "checks";
            for (const check of r.checks) {
              const item = document.createElement("li");
              item.className = "check " + check.status + (check.hidden ? " hidden" : "");
              const parts = [["mark", check.status === "passed" ? "✓" : check.status === "failed" ? "✗" : "!"], ["name", check.name],
                             ["points", `${check.points}/${check.max_points}`], ["message", check.message]];
              for (const [cls, text] of parts) {
                if (!text) continue;
                const span = document.createElement("span");
                span.className = cls;
                span.textContent = text;
                item.appendChild(span);
              }
              list.appendChild(item);
            }
            box.appendChild(list);
            if (report.problem) {
              const problem = document.createElement("p");
              problem.className = "problem";
              problem.textContent = report.problem;
              box.appendChild(problem);
            }
            if (report.why) {
              const why = document.createElement("div");
              why.className = "why";
              why.innerHTML = "<b>Why this works:</b> " + report.why; // rendered and escaped by the server's HTMLRenderer
              box.appendChild(why);
            }
            if (r.status !== "passed") {
              const next = document.createElement("p");
              next.className = "next";
              next.textContent = "Next hint gives a hint; the console shows the same result as text.";
              box.appendChild(next);
            }
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
