/// What the learner is told after one answer, and what is saved.
public struct QuizFeedback: Sendable, Equatable {
    /// The question's number in the lesson.
    public let question: Int
    /// Whether the answer is right.
    public let isCorrect: Bool
    /// The answer to save: letters in the lesson's lettering (`A, C`) or the command typed.
    public let storedAnswer: String
    /// The learner's answer in the letters shown (`B, D`), or the command typed.
    public let shownAnswer: String
    /// The right answer in the letters shown, or the expected command.
    public let rightAnswer: String
    /// The lesson's explanation.
    public let explanation: String
    /// For a wrong command: how it differs from the expected one.
    public let reason: String
}

/// An answer given earlier in an attempt (loaded to resume it).
public struct GivenAnswer: Sendable, Equatable {
    /// The question's number in the lesson.
    public let question: Int
    /// The saved answer (lesson letters or command).
    public let answer: String
    /// Whether it was right.
    public let isCorrect: Bool

    /// An earlier answer.
    public init(question: Int, answer: String, isCorrect: Bool) {
        self.question = question
        self.answer = answer
        self.isCorrect = isCorrect
    }
}
