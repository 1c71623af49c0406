/// An error shown as swift-argument-parser shows its own: `Error: …` then `Help: …`.
struct CommandLineError: Error, CustomStringConvertible {
    /// What went wrong (printed after `Error: `).
    var message: String
    /// What to do next (printed after `Help: `).
    var help: String

    var description: String { help.isEmpty ? message : "\(message)\nHelp: \(help)" }
}
