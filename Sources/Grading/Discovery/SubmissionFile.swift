import Foundation

/// One student's file for one exercise: `<student>/<exercise-id>.redis` or `.lua`.
public struct SubmissionFile: Sendable, Hashable {
    public var student: String
    public var exerciseID: String
    public var kind: GradedExercise.AnswerKind
    public var url: URL
    /// The path relative to the submissions folder, as reports show it.
    public var relativePath: String
    /// The file's modification time (lateness uses it only when asked: copies reset it).
    public var modified: Date?
    /// When the file was handed in, which decides lateness (see `HandInTimes`); nil when unknown.
    public var submittedAt: Date?

    public init(student: String, exerciseID: String, kind: GradedExercise.AnswerKind, url: URL, relativePath: String, modified: Date?) {
        self.student = student
        self.exerciseID = exerciseID
        self.kind = kind
        self.url = url
        self.relativePath = relativePath
        self.modified = modified
    }
}
