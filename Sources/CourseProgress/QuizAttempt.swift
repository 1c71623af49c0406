import Foundation

/// One sitting of a lesson's quiz, possibly spread over several sessions.
public struct QuizAttempt: Sendable, Equatable {
    /// The attempt's row id.
    public var id: Int64
    /// The lesson (canonical id).
    public var lesson: String
    /// How many questions the quiz had when the attempt started.
    public var questionCount: Int
    /// The seed the options were shuffled with; nil when they were not shuffled.
    public var shuffleSeed: UInt64?
    /// When it started.
    public var startedAt: Date
    /// When the last question was answered; nil while unfinished.
    public var finishedAt: Date?
    /// Right answers, once finished.
    public var score: Int?
    /// The answers given so far, in the order they were given.
    public var answers: [QuizAnswerRecord]

    /// Whether every question has been answered.
    public var isFinished: Bool { finishedAt != nil }

    /// Creates an attempt record.
    public init(
        id: Int64, lesson: String, questionCount: Int, shuffleSeed: UInt64?, startedAt: Date,
        finishedAt: Date?, score: Int?, answers: [QuizAnswerRecord]
    ) {
        self.id = id
        self.lesson = lesson
        self.questionCount = questionCount
        self.shuffleSeed = shuffleSeed
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.score = score
        self.answers = answers
    }
}

/// One answer given in a quiz attempt, as written against the lesson's own letters.
public struct QuizAnswerRecord: Sendable, Equatable {
    /// The question's number in the lesson.
    public var question: Int
    /// The answer: letters (`A, C`) in the lesson's lettering, or a command.
    public var answer: String
    /// Whether it was right.
    public var correct: Bool
    /// When it was given.
    public var answeredAt: Date

    /// Creates an answer record.
    public init(question: Int, answer: String, correct: Bool, answeredAt: Date) {
        self.question = question
        self.answer = answer
        self.correct = correct
        self.answeredAt = answeredAt
    }
}
