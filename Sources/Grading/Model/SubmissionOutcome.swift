/// What running one submission produced, before lateness is applied.
public struct SubmissionOutcome: Sendable, Hashable {
    public var status: GradeStatus
    public var score: Double
    public var maxScore: Double
    /// Why the submission could not be graded normally (a refused command, a budget spent, not text).
    public var error: String?
    public var checks: [CheckOutcome]
    /// The line of the exercise's own file where the run stopped, when it stopped in one of the
    /// exercise's steps: a position in the course, never one in the student's file.
    public var exerciseLine: Int?

    public init(status: GradeStatus, score: Double, maxScore: Double, error: String?, checks: [CheckOutcome], exerciseLine: Int? = nil) {
        self.exerciseLine = exerciseLine
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

    /// The outcome as the reports count it: an answer that could not be graded gets zero on
    /// every check (the summary and the feedback say so, so the score must agree), and the
    /// points are scaled to what the exercise is worth in this run.
    func counted(scale: Double) -> SubmissionOutcome {
        var copy = self
        let zeroed = status == .error || status == .missing
        copy.checks = checks.map { check in
            var check = check
            check.points = zeroed ? 0 : Self.hundredths(check.points * scale)
            check.maxPoints = Self.hundredths(check.maxPoints * scale)
            return check
        }
        copy.score = zeroed ? 0 : Self.hundredths(score * scale)
        copy.maxScore = Self.hundredths(maxScore * scale)
        return copy
    }

    private static func hundredths(_ value: Double) -> Double { (value * 100).rounded() / 100 }
}
