/// One grade a grading run gave, as the gradebook keeps it: the cell, its status and score,
/// and the grader's whole record of it as JSON (which Grading writes and reads back).
public struct RecordedGrade: Sendable, Hashable {
    public var student: String
    public var exercise: String
    public var status: String
    /// The score as graded, before any override.
    public var score: Double
    public var maxScore: Double
    /// The grade's full detail, JSON-encoded by its writer.
    public var detail: String

    public init(student: String, exercise: String, status: String, score: Double, maxScore: Double, detail: String) {
        self.student = student
        self.exercise = exercise
        self.status = status
        self.score = score
        self.maxScore = maxScore
        self.detail = detail
    }
}
