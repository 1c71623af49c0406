import Exercises

extension SubmissionOutcome {
    /// The runner's result in grading's terms.
    public init(_ result: Exercises.ExerciseResult) {
        self.init(
            status: GradeStatus(result.status), score: Double(result.score), maxScore: Double(result.maxScore),
            // A run that went through still reports the student's first own error (a typo, a
            // script that does not compile): graders and students see why a check failed.
            error: result.error ?? result.learnerError?.description,
            checks: result.checks.map { check in
                CheckOutcome(
                    name: check.name, status: CheckOutcome.Status(check.status), message: check.message,
                    points: Double(check.points), maxPoints: Double(check.maxPoints), hidden: check.hidden)
            })
    }
}

extension GradeStatus {
    init(_ status: Exercises.ExerciseResult.Status) {
        switch status {
        case .passed: self = .passed
        case .failed: self = .failed
        case .error: self = .error
        }
    }
}

extension CheckOutcome.Status {
    init(_ status: Exercises.ExerciseResult.Status) {
        switch status {
        case .passed: self = .passed
        case .failed: self = .failed
        case .error: self = .error
        }
    }
}
