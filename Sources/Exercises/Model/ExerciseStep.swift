/// One step a client takes: a command, a clock move, a disconnect or a real-time wait.
public struct ExerciseStep: Sendable, Equatable {
    /// What the step does.
    public enum Action: Sendable, Equatable {
        /// A command, already split into arguments (`$SCRIPT` and `$SHA` still unreplaced).
        case command([String])
        /// Moves the simulator's clock forward (on a live Redis: waits that long).
        case advance(milliseconds: Int64)
        /// The client disconnects.
        case close
        /// Waits in real time.
        case sleep(milliseconds: Int64)
    }

    /// What the step does.
    public var action: Action
    /// The line of the exercise file it was written on.
    public var line: Int

    /// A step written on `line`.
    public init(_ action: Action, line: Int) {
        self.action = action
        self.line = line
    }

    /// The step as an author writes it, for messages.
    public var text: String {
        switch action {
        case .command(let arguments): return arguments.map(Self.quoted).joined(separator: " ")
        case .advance(let milliseconds): return "advance: \(Self.durationText(milliseconds))"
        case .close: return "close"
        case .sleep(let milliseconds): return "sleep: \(Self.durationText(milliseconds))"
        }
    }

    /// A duration in the largest unit that divides it exactly (`1500ms`, `31s`, `2m`).
    static func durationText(_ milliseconds: Int64) -> String {
        if milliseconds % 3_600_000 == 0, milliseconds > 0 { return "\(milliseconds / 3_600_000)h" }
        if milliseconds % 60_000 == 0, milliseconds > 0 { return "\(milliseconds / 60_000)m" }
        if milliseconds % 1000 == 0, milliseconds > 0 { return "\(milliseconds / 1000)s" }
        return "\(milliseconds)ms"
    }

    /// An argument quoted for display when it needs it.
    static func quoted(_ argument: String) -> String {
        if !argument.isEmpty, !argument.contains(where: { $0 == " " || $0 == "\"" || $0 == "'" || $0 == "\n" }) { return argument }
        let escaped = argument.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
        return "\"\(escaped)\""
    }
}
