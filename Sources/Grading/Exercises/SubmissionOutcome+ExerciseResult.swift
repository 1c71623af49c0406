import Exercises

extension SubmissionOutcome {
    /// The runner's result in grading's terms. A position in the exercise's own file is taken
    /// out of the messages (students see positions in their file only) and kept apart.
    public init(_ result: Exercises.ExerciseResult) {
        let (error, line) = Self.splitExerciseLine(result.error)
        self.init(
            status: GradeStatus(result.status), score: Double(result.score), maxScore: Double(result.maxScore),
            // A run that went through still reports the student's first own error (a typo, a
            // script that does not compile): graders and students see why a check failed.
            error: error ?? result.learnerError?.description,
            checks: result.checks.map { check in
                var verdict = check
                verdict.message = Self.splitExerciseLine(check.message).0 ?? ""
                return CheckOutcome(verdict)
            },
            exerciseLine: line)
    }

    /// `text` without the runner's " (the exercise's step at line N)", and N.
    static func splitExerciseLine(_ text: String?) -> (String?, Int?) {
        guard let text, let range = text.range(of: #" \(the exercise's step at line (\d+)\)"#, options: .regularExpression) else { return (text, nil) }
        let line = Int(text[range].filter(\.isNumber))
        return (text.replacingCharacters(in: range, with: ""), line)
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
