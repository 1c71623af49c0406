import Foundation

/// A quiz question in the learner's review boxes.
public struct ReviewCard: Sendable, Equatable {
    /// The lesson (canonical id).
    public var lesson: String
    /// The question's number in the lesson.
    public var question: Int
    /// Its Leitner box, 1 … `LeitnerSchedule.lastBox`.
    public var box: Int
    /// When it is next due.
    public var dueAt: Date
    /// How many times it was reviewed.
    public var reviews: Int
    /// How many times it was missed (in quizzes and reviews).
    public var lapses: Int

    /// Creates a card.
    public init(lesson: String, question: Int, box: Int, dueAt: Date, reviews: Int, lapses: Int) {
        self.lesson = lesson
        self.question = question
        self.box = box
        self.dueAt = dueAt
        self.reviews = reviews
        self.lapses = lapses
    }

    /// Whether it is due at `date`.
    public func isDue(at date: Date) -> Bool { dueAt <= date }
}
