/// A class's grading before anything runs: the cells already decided (missing or refused
/// submissions) and the submissions that must be run, each with its place in the gradebook.
public struct ClassPlan: Sendable {
    /// One submission to run and the cell its outcome fills.
    public struct Job: Sendable {
        public var job: GradingJob
        /// Indexes into the inventory's students and the grader's exercises.
        public var student: Int
        public var exercise: Int
        public var file: SubmissionFile
    }

    public var inventory: SubmissionInventory
    /// The grade of each (student, exercise) cell known without running anything.
    var cells: [[ExerciseGrade?]]
    /// The submissions to run, in job-index order.
    public var jobs: [Job]
}
