import Exercises
import LessonKit

/// A `:check` result as the page shows it: the terminal's own `ExerciseResult` (hidden checks
/// named "hidden check N", their messages withheld), with what the page needs around it.
struct CheckReport: Encodable, Sendable {
    /// The exercise's id, title and number in the course (`3.1`).
    var exercise: String
    var title: String
    var shortName: String
    /// The result, as a student may read it.
    var result: ExerciseResult
    /// What to fix first (what stopped the run, else the learner's own first error).
    var problem: String?
    /// "Why this works", as HTML, once the exercise passed.
    var why: String?

    init(_ exercise: Exercise, _ result: ExerciseResult) {
        self.exercise = exercise.id
        title = exercise.title
        shortName = exercise.shortName
        self.result = CheckNaming.shownToStudent(result)
        problem = result.problemText
        why = result.status == .passed ? exercise.why.map { HTMLRenderer().renderInline(markdown: $0) } : nil
    }

    enum CodingKeys: String, CodingKey {
        case exercise, title, shortName = "short_name", result, problem, why
    }
}
