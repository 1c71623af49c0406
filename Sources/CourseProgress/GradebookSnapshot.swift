/// A class's gradebook as stored, read in one transaction: what `ProgressStore.gradebook(className:)` returns.
public struct GradebookSnapshot: Sendable, Hashable {
    /// Every exercise ever graded for the class, in the order they were first graded.
    public var exercises: [String]
    /// The latest grade of every (student, exercise) cell, by student name.
    public var latest: [RecordedGrade]
    /// The overrides in force.
    public var overrides: [RecordedOverride]

    public init(exercises: [String], latest: [RecordedGrade], overrides: [RecordedOverride]) {
        self.exercises = exercises
        self.latest = latest
        self.overrides = overrides
    }
}
