/// A quiz attempt in the results shape shared with exercises and grading: a status, a score and
/// one check per question, plus what only quizzes have.
public struct QuizResults: Encodable, Sendable, Equatable {
    /// One question's outcome.
    public struct Check: Encodable, Sendable, Equatable {
        public let name: String
        public let status: String
        public let message: String
        public let points: Int
        public let maxPoints: Int
        /// The question's number in the lesson.
        public let question: Int
        /// The answer given (lesson letters or command); nil when not answered yet.
        public let answer: String?
        /// The right answer (lesson letters or command).
        public let expected: String

        enum CodingKeys: String, CodingKey {
            case name, status, message, points, question, answer, expected
            case maxPoints = "max_points"
        }
    }

    public let status: String
    public let score: Int
    public let maxScore: Int
    public let checks: [Check]
    /// The lesson's canonical id.
    public let lesson: String
    /// The lesson's slug.
    public let slug: String
    /// The attempt's id in the progress database, when saved.
    public let attemptID: Int64?
    /// Whether every question has been answered.
    public let finished: Bool
    /// How many questions have been answered.
    public let answered: Int
    /// The numbers of the questions answered wrongly.
    public let missed: [Int]
    /// The shuffle seed, when options were shuffled.
    public let shuffleSeed: UInt64?

    /// The share of the maximum needed to pass.
    public static let passingFraction = 0.7

    enum CodingKeys: String, CodingKey {
        case status, score, checks, lesson, slug, finished, answered, missed
        case maxScore = "max_score"
        case attemptID = "attempt_id"
        case shuffleSeed = "shuffle_seed"
    }

    /// Every key is written, absent values as null, so `shuffle_seed` (and `attempt_id`) are
    /// always there for a script to read, as the README lists them.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(status, forKey: .status)
        try container.encode(score, forKey: .score)
        try container.encode(maxScore, forKey: .maxScore)
        try container.encode(checks, forKey: .checks)
        try container.encode(lesson, forKey: .lesson)
        try container.encode(slug, forKey: .slug)
        try container.encode(attemptID, forKey: .attemptID)
        try container.encode(finished, forKey: .finished)
        try container.encode(answered, forKey: .answered)
        try container.encode(missed, forKey: .missed)
        try container.encode(shuffleSeed, forKey: .shuffleSeed)
    }

    /// For a wrong command, how it differs from the expected one (judged again: reasons are not saved).
    private static func reason(_ given: GivenAnswer, _ presented: PresentedQuestion, judge: CommandAnswerJudge) async -> String {
        guard case .command(let expected) = presented.question.answer else { return "" }
        let verdict = await judge.judge(given.answer, expected: expected)
        return verdict.reason.isEmpty ? "" : " (\(verdict.reason))"
    }

    /// The results of `session` (saved as attempt `attemptID`).
    public init(_ session: QuizSession, attemptID: Int64?) async {
        var checks: [Check] = []
        for presented in session.questions {
            let number = presented.question.number
            let given = session.answers[number]
            let message: String
            switch given {
            case nil: message = "not answered yet"
            case let given? where given.isCorrect: message = "right"
            case let given?:
                message = "answered \(given.answer); the answer is \(presented.question.answer.display)"
                    + (await Self.reason(given, presented, judge: session.grader.judge))
            }
            checks.append(Check(
                name: "Question \(number)", status: given?.isCorrect == true ? "passed" : "failed", message: message,
                points: given?.isCorrect == true ? 1 : 0, maxPoints: 1, question: number, answer: given?.answer,
                expected: presented.question.answer.display))
        }
        self.checks = checks
        score = session.score
        maxScore = session.maxScore
        finished = session.isFinished
        status = finished && Double(score) >= Double(maxScore) * Self.passingFraction ? "passed" : "failed"
        lesson = session.lesson.progressKey
        slug = session.lesson.slug
        self.attemptID = attemptID
        answered = session.answers.count
        missed = session.missed.map(\.question.number)
        shuffleSeed = session.shuffleSeed
    }
}
