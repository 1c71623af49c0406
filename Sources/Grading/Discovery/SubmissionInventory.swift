import Foundation

/// What a submissions folder holds: the students (a folder each), their submission files, and
/// the files that are not submissions.
public struct SubmissionInventory: Sendable, Hashable {
    /// Student names, sorted.
    public var students: [String]
    public var files: [SubmissionFile]
    public var problems: [SubmissionProblem]
    /// Each student's folder, by student name (for hand-in times from git).
    public var folders: [String: URL]

    public init(students: [String], files: [SubmissionFile], problems: [SubmissionProblem], folders: [String: URL] = [:]) {
        self.students = students
        self.files = files
        self.problems = problems
        self.folders = folders
    }

    /// The file `student` handed in for `exerciseID`, if any.
    public func file(student: String, exerciseID: String) -> SubmissionFile? {
        files.first { $0.student == student && $0.exerciseID == exerciseID }
    }
}
