/// One submission waiting to be graded, with its place in the run.
public struct GradingJob: Sendable {
    public var index: Int
    public var exercise: GradedExercise
    public var submission: SubmissionText

    public init(index: Int, exercise: GradedExercise, submission: SubmissionText) {
        self.index = index
        self.exercise = exercise
        self.submission = submission
    }
}
