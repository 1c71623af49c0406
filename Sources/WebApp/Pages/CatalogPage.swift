import CourseProgress
import Exercises
import Foundation
import LessonKit
import Quizzes

/// The course's front page: every lesson with its prerequisites and the learner's progress.
enum CatalogPage {
    static func render(catalog: LessonCatalog, exercises: ExerciseCatalog?, progress: LearnerProgress) -> String {
        var rows = ""
        for lesson in catalog.lessons {
            let prerequisites = catalog.prerequisites(of: lesson).map { name, found -> String in
                guard let found else { return "<span class=\"missing\" title=\"not in this course\">\(name.htmlEscaped) (missing)</span>" }
                return "<a href=\"/lessons/\(found.slug.htmlEscaped)\">\(found.paddedNumber)</a>"
            }.joined(separator: ", ")
            let read = progress.lessonsRead[lesson.progressKey] != nil
            let lessonExercises = exercises?.exercises(ofLesson: lesson.slug) ?? []
            let passed = lessonExercises.filter { progress.passedExercises.contains($0.id) }.count
            let exerciseText = lessonExercises.isEmpty ? "—" : "\(passed)/\(lessonExercises.count)"
            rows += """
                <tr class="\(read ? "read" : "unread")"><td>\(lesson.paddedNumber)</td>\
                <td><a href="/lessons/\(lesson.slug.htmlEscaped)">\(lesson.title.htmlEscaped)</a></td>\
                <td>\(prerequisites.isEmpty ? "—" : prerequisites)</td>\
                <td class="status">\(read ? "✓ read" : "")</td><td class="status">\(exerciseText)</td></tr>

                """
        }
        let body = """
            <h1>Redis Pub/Sub and its patterns</h1>
            <p>Read a lesson, press <b>Run ▶</b> on its examples, and type your own commands in the console. \
            Your progress is the same as in the terminal (<code>redislings learn</code>).</p>
            <table class="catalog"><thead><tr><th>#</th><th>Lesson</th><th>Prerequisites</th><th>Read</th><th>Exercises passed</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """
        return PageLayout.page(title: "Lessons", body: body, console: false)
    }
}

/// What the progress database says of the learner, read once per page.
struct LearnerProgress: Sendable {
    var lessonsRead: [String: Date] = [:]
    var passedExercises: Set<String> = []
    /// Why progress could not be read, shown on the page rather than failing it.
    var problem: String?

    static func load(_ open: () throws -> ProgressStore) -> LearnerProgress {
        do {
            let store = try open()
            return LearnerProgress(
                lessonsRead: try store.lessonsRead(),
                passedExercises: Set(try store.exerciseResults().filter(\.passed).map(\.exerciseID)))
        } catch {
            return LearnerProgress(problem: "\(error)")
        }
    }
}
