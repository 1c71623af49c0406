import Exercises
import LessonKit

/// A lesson: its text rendered from the parsed lesson, Run buttons on its `redis` blocks, its
/// exercises and its quiz, beside a console on the learner's session.
enum LessonPage {
    static func render(_ lesson: Lesson, catalog: LessonCatalog, exercises: ExerciseCatalog?) -> String {
        var body = "<p class=\"crumbs\"><a href=\"/\">Lessons</a> › \(lesson.paddedNumber)"
        let prerequisites = catalog.prerequisites(of: lesson)
        if !prerequisites.isEmpty {
            body += " · needs " + prerequisites.map { name, found in
                found.map { "<a href=\"/lessons/\($0.slug.htmlEscaped)\">\($0.paddedNumber) \($0.title.htmlEscaped)</a>" }
                    ?? "<span class=\"missing\">\(name.htmlEscaped) (missing)</span>"
            }.joined(separator: ", ")
        }
        body += "</p>\n"
        body += HTMLRenderer().render(lesson, catalog: catalog)
        let lessonExercises = exercises?.exercises(ofLesson: lesson.slug) ?? []
        if !lessonExercises.isEmpty {
            body += "<h2 id=\"exercises\">Exercises</h2><ul class=\"exercises\">"
            for exercise in lessonExercises {
                body += "<li><a href=\"/exercises/\(exercise.id.htmlEscaped)\">\(exercise.shortName) \(exercise.title.htmlEscaped)</a> (\(exercise.points) points)</li>"
            }
            body += "</ul>\n"
        }
        if let quiz = lesson.quiz { body += QuizForm.render(quiz, lesson: lesson) }
        let index = catalog.lessons.firstIndex { $0.slug == lesson.slug } ?? 0
        body += "<p class=\"pager\">"
        if index > 0 { body += "<a href=\"/lessons/\(catalog.lessons[index - 1].slug.htmlEscaped)\">← previous</a> " }
        if index + 1 < catalog.lessons.count { body += "<a href=\"/lessons/\(catalog.lessons[index + 1].slug.htmlEscaped)\">next →</a>" }
        body += "</p>"
        return PageLayout.page(title: lesson.title, body: body, console: true, lesson: lesson.slug)
    }
}
