/// A problem that stops a grading run before it starts (a missing folder, a bad option), with
/// what to do about it.
public struct GradingError: Error, CustomStringConvertible, Sendable {
    /// What went wrong.
    public var message: String
    /// What to do next.
    public var help: String

    public init(_ message: String, help: String = "") {
        self.message = message
        self.help = help
    }

    public var description: String { help.isEmpty ? message : "\(message)\nHelp: \(help)" }
}
