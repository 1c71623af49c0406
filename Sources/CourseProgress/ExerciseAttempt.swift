import Foundation

/// One graded run of an exercise.
public struct ExerciseAttempt: Sendable, Equatable {
    /// The exercise's id (`pubsub-01-first-subscriber`).
    public var exerciseID: String
    /// The lesson it belongs to (canonical id).
    public var lesson: String
    /// Points earned.
    public var score: Int
    /// Points possible.
    public var maxScore: Int
    /// Whether every check passed.
    public var passed: Bool
    /// When it was graded.
    public var recordedAt: Date

    /// A result.
    public init(exerciseID: String, lesson: String, score: Int, maxScore: Int, passed: Bool, recordedAt: Date) {
        self.exerciseID = exerciseID
        self.lesson = lesson
        self.score = score
        self.maxScore = maxScore
        self.passed = passed
        self.recordedAt = recordedAt
    }
}
