/// Something wrong in an exercise file: where, what, and how to fix it.
public struct ExerciseProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file, as a path under the catalog's directory.
    public var file: String
    /// The 1-based line (front matter included).
    public var line: Int
    /// What is wrong.
    public var message: String
    /// What to do about it.
    public var fix: String

    /// A problem at `file:line`.
    public init(file: String, line: Int, message: String, fix: String) {
        self.file = file
        self.line = line
        self.message = message
        self.fix = fix
    }

    /// `file:line: problem — fix`.
    public var description: String { "\(file):\(line): \(message) — \(fix)" }
}
