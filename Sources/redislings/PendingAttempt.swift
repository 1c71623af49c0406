import CourseProgress
import Foundation

/// The quiz attempt being answered: one resumed from the database, or a new one that is only
/// written with its first answer, so opening a quiz and leaving at once leaves nothing behind.
final class PendingAttempt {
    let store: ProgressStore
    let lesson: String
    let questionCount: Int
    let shuffleSeed: UInt64?
    /// The attempt as saved; nil until the first answer.
    private(set) var saved: QuizAttempt?

    init(store: ProgressStore, lesson: String, questionCount: Int, shuffleSeed: UInt64?, saved: QuizAttempt?) {
        self.store = store
        self.lesson = lesson
        self.questionCount = questionCount
        self.shuffleSeed = shuffleSeed
        self.saved = saved
    }

    /// The attempt's id, saving the attempt first when it is new.
    func id(at date: Date) throws -> Int64 {
        if let saved { return saved.id }
        let started = try store.startQuizAttempt(lesson: lesson, questionCount: questionCount, shuffleSeed: shuffleSeed, at: date)
        saved = started
        return started.id
    }
}
