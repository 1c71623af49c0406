/// Runs one submission of one exercise on a fresh, isolated backend and judges it. Conforming
/// types never throw: whatever a submission does becomes an outcome.
public protocol SubmissionGrading: Sendable {
    /// Grades `submission` for `exercise`. `slot` (0 ..< jobs) is the parallel job running it;
    /// two calls with the same slot never overlap, so a live backend can give each slot its
    /// own database.
    func grade(_ exercise: GradedExercise, submission: SubmissionText, slot: Int) async -> SubmissionOutcome

    /// Stops what the grader keeps running between submissions (worker processes).
    func shutDown()
}

extension SubmissionGrading {
    /// Graders that keep nothing running have nothing to stop.
    public func shutDown() {}
}
