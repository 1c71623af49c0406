import Foundation

/// A grade an instructor set by hand for one cell of a class's gradebook; it outlives re-grading.
public struct RecordedOverride: Sendable, Hashable {
    public var student: String
    public var exercise: String
    public var score: Double
    /// Why the grade was set by hand.
    public var comment: String
    public var createdAt: Date

    public init(student: String, exercise: String, score: Double, comment: String, createdAt: Date) {
        self.student = student
        self.exercise = exercise
        self.score = score
        self.comment = comment
        self.createdAt = createdAt
    }
}
