/// The outcome of checking one exercise, in the JSON shape graders and editors read.
public struct ExerciseResult: Codable, Sendable, Equatable {
    /// How a run or a check ended.
    public enum Status: String, Codable, Sendable, Hashable {
        case passed, failed, error
    }

    /// The exercise's id.
    public var exercise: String
    /// passed (every check passed), failed, or error (a limit was broken or Redis was unreachable).
    public var status: Status
    /// The points earned.
    public var score: Int
    /// The points available.
    public var maxScore: Int
    /// What went wrong, when the status is error.
    public var error: String?
    /// The first error the learner's own commands or script met, whatever the status.
    public var learnerError: LearnerError?
    /// Each check, in order.
    public var checks: [CheckResult]

    /// A result.
    public init(
        exercise: String, status: Status, score: Int, maxScore: Int, error: String? = nil, learnerError: LearnerError? = nil,
        checks: [CheckResult]
    ) {
        self.exercise = exercise
        self.status = status
        self.score = score
        self.maxScore = maxScore
        self.error = error
        self.learnerError = learnerError
        self.checks = checks
    }

    /// The problem to show the learner first: what stopped the run, else their own first error.
    public var problemText: String? { error ?? learnerError?.description }

    enum CodingKeys: String, CodingKey {
        case exercise, status, score, maxScore = "max_score", error, learnerError = "learner_error", checks
    }
}

/// The outcome of one check.
public struct CheckResult: Codable, Sendable, Hashable {
    /// The check's name.
    public var name: String
    /// passed, failed, or error (it could not be run).
    public var status: ExerciseResult.Status
    /// What was right, or the exercise's message saying what is wrong.
    public var message: String
    /// The points earned.
    public var points: Int
    /// The points available.
    public var maxPoints: Int
    /// Shown to students only as "hidden check N".
    public var hidden: Bool

    /// A check result.
    public init(name: String, status: ExerciseResult.Status, message: String, points: Int, maxPoints: Int, hidden: Bool) {
        self.name = name
        self.status = status
        self.message = message
        self.points = points
        self.maxPoints = maxPoints
        self.hidden = hidden
    }

    enum CodingKeys: String, CodingKey {
        case name, status, message, points, maxPoints = "max_points", hidden
    }
}
