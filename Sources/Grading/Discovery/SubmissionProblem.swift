/// A file in the submissions folder that is not graded, and why.
public struct SubmissionProblem: Sendable, Hashable, Codable {
    /// The path relative to the submissions folder.
    public var file: String
    public var message: String

    public init(file: String, message: String) {
        self.file = file
        self.message = message
    }
}
