/// An error shown as swift-argument-parser shows its own: `Error: …` then `Help: …`.
public struct CommandLineError: Error, Sendable, CustomStringConvertible {
    /// What went wrong (printed after `Error: `).
    public var message: String
    /// What to do next (printed after `Help: `).
    public var help: String

    /// An error saying what went wrong and what to do.
    public init(message: String, help: String) {
        self.message = message
        self.help = help
    }

    public var description: String { help.isEmpty ? message : "\(message)\nHelp: \(help)" }
}
