import Exercises
import LessonKit

/// An exercise: its instructions, and Start, Check and Hint buttons that send `:exercise`,
/// `:check` and `:hint` to the console beside them, so the page checks exactly as the terminal does.
enum ExercisePage {
    static func render(_ exercise: Exercise, catalog: LessonCatalog) -> String {
        let lesson = catalog.lesson(matching: exercise.lesson)
        var body = "<p class=\"crumbs\"><a href=\"/\">Lessons</a> › "
        if let lesson { body += "<a href=\"/lessons/\(lesson.slug.htmlEscaped)#exercises\">\(lesson.paddedNumber) \(lesson.title.htmlEscaped)</a> › " }
        body += "exercise \(exercise.shortName)</p>"
        body += "<h1>Exercise \(exercise.shortName): \(exercise.title.htmlEscaped)</h1>"
        body += "<p class=\"points\">\(exercise.points) points · \(exercise.checks.count) checks · \(exercise.hints.count) hints</p>"
        body += "<div class=\"instructions\">" + HTMLRenderer().render(markdown: exercise.instructions) + "</div>"
        body += """
            <div class="exercise-actions" data-exercise="\(exercise.id.htmlEscaped)">
            <button class="meta" data-line=":exercise \(exercise.id.htmlEscaped)" title="Sets the exercise up from the start (on the simulator: a fresh one)">Start ▶</button>
            <button class="meta" data-line=":check">Check ✓</button>
            <button class="meta" data-line=":hint">Next hint</button>
            <button class="meta" data-line=":peers">Other clients</button>
            </div>
            <section id="check-result" class="check-result" aria-live="polite" hidden></section>
            <p>Type your commands in the console, then press <b>Check</b>: each check shows ✓ or ✗ and its points here, \
            and the result is recorded in the same progress database as <code>redislings learn</code>. \
            Every tab of this browser shares the exercise and its Redis: subscribe in one tab, publish in another.</p>
            """
        return PageLayout.page(title: exercise.title, body: body, console: true, lesson: lesson?.slug)
    }
}
