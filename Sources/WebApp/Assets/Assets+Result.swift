extension Assets {
    /// A check's result in the page, from the `result` message the console gets: per check ✓/✗,
    /// name and points, the score, what to fix first, and "why this works" after a pass.
    static let resultScript = #"""
        "use strict";
        // A check's result, in the page: the exercise page's result box, else one above the console.
        function showCheckResult(report, consoleOutput) {
          let box = document.getElementById("check-result");
          if (!box) {
            box = document.createElement("section");
            box.id = "check-result";
            consoleOutput.parentElement.insertBefore(box, consoleOutput);
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
        """#
}
