/// What running one submission produced, before lateness is applied.
public struct SubmissionOutcome: Sendable, Hashable {
    public var status: GradeStatus
    public var score: Double
    public var maxScore: Double
    /// Why the submission could not be graded normally (a refused command, a budget spent, not text).
    public var error: String?
    public var checks: [CheckOutcome]

    public init(status: GradeStatus, score: Double, maxScore: Double, error: String?, checks: [CheckOutcome]) {
        self.status = status
        self.score = score
        self.maxScore = maxScore
        self.error = error
        self.checks = checks
    }

    /// A submission that was not run: every check gets zero, with `reason` as the error.
    public static func failure(_ exercise: GradedExercise, status: GradeStatus = .error, reason: String) -> SubmissionOutcome {
        let checks = exercise.checks.map {
            CheckOutcome(
                name: $0.name, status: status == .missing ? .failed : .error, message: reason, points: 0,
                maxPoints: Double($0.points), hidden: $0.hidden)
        }
        return SubmissionOutcome(status: status, score: 0, maxScore: Double(exercise.points), error: reason, checks: checks)
    }
}
