/// A state or history file that cannot be read or written, with what to do about it.
public struct StateFileError: Error, Equatable, CustomStringConvertible {
    /// The file concerned.
    public let path: String
    /// The 1-based line at fault, when the problem is in the file's content.
    public let line: Int?
    /// What is wrong.
    public let problem: String
    /// What the learner can do.
    public let remedy: String

    /// An error about `path` (and `line`), with a remedy.
    public init(path: String, line: Int?, problem: String, remedy: String) {
        self.path = path
        self.line = line
        self.problem = problem
        self.remedy = remedy
    }

    public var description: String {
        "\(path)\(line.map { ":\($0)" } ?? ""): \(problem). \(remedy)."
    }
}
