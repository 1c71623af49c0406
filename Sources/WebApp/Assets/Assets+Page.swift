extension Assets {
    /// The lesson and exercise pages: Run buttons, meta-command buttons, the quiz form.
    static let pageScript = #"""

        document.querySelectorAll("button.run").forEach((button) => {
          button.addEventListener("click", () => {
            const lesson = document.body.dataset.lesson, block = Number(button.dataset.block);
            const inLesson = button.closest(".instructions") === null && lesson;
            if (inLesson) { Console.append("# running example " + (block + 1) + " of this lesson", "echo"); Console.send({ type: "run", lesson, block }); }
            else button.parentElement.querySelector("code").textContent.split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("#")).forEach((l) => Console.run(l));
          });
        });
        document.querySelectorAll("button.meta").forEach((button) => button.addEventListener("click", () => Console.run(button.dataset.line)));
        document.querySelectorAll("form.quiz").forEach((form) => {
          form.addEventListener("submit", async (event) => {
            event.preventDefault();
            const answers = {};
            form.querySelectorAll("fieldset.question").forEach((fs) => {
              const n = fs.dataset.question, text = fs.querySelector("input.command-answer");
              answers[n] = text ? text.value : [...fs.querySelectorAll("input:checked")].map((i) => i.value).join(",");
            });
            const response = await fetch("/quiz/" + encodeURIComponent(form.dataset.lesson), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ answers }) });
            const result = await response.json();
            if (!response.ok) { form.querySelector(".quiz-score").textContent = result.error; return; }
            for (const q of result.questions) {
              const box = form.querySelector(`fieldset[data-question="${q.question}"] .feedback`);
              box.className = "feedback " + (q.correct ? "right" : "wrong");
              box.textContent = q.correct ? "✓ Right. " : "✗ " + (q.reason || "Not quite.") + " The answer is " + q.rightAnswer + ". ";
              const why = document.createElement("span");
              why.innerHTML = q.explanation; // rendered and escaped by the server's HTMLRenderer
              box.appendChild(why);
            }
            form.querySelector(".quiz-score").textContent = `Score: ${result.score}/${result.total}` + (result.recorded ? " (recorded)" : "");
          });
        });
        """#
}
