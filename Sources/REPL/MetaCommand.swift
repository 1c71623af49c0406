/// A REPL command that starts with `:` and acts on the session rather than on Redis.
///
/// The session looks meta-commands up in a `MetaCommandTable`, so other parts of redislings
/// (exercises: `:exercise`, `:hint`, `:check`) add theirs by adding entries.
public struct MetaCommand: Sendable {
    /// The name with its colon, lower case (`:run`).
    public let name: String
    /// Its arguments in redis-cli's notation (`N`, `[N]`), shown by `:help` and as a hint.
    public let usage: String
    /// What it does, in a sentence.
    public let summary: String
    /// Runs the command with the words after its name.
    public let run: @Sendable (ReplSession, [String]) async -> Void

    /// A meta-command.
    public init(
        _ name: String, usage: String = "", summary: String,
        run: @escaping @Sendable (ReplSession, [String]) async -> Void
    ) {
        self.name = name
        self.usage = usage
        self.summary = summary
        self.run = run
    }
}

/// The meta-commands a session knows, in the order `:help` lists them.
public struct MetaCommandTable: Sendable {
    /// The commands, in order.
    public private(set) var commands: [MetaCommand]

    /// A table of `commands`.
    public init(_ commands: [MetaCommand] = []) { self.commands = commands }

    /// Adds `command`, replacing one of the same name.
    public mutating func add(_ command: MetaCommand) {
        commands.removeAll { $0.name == command.name }
        commands.append(command)
    }

    /// The command called `name` (with its colon, any case).
    public func lookup(_ name: String) -> MetaCommand? {
        let lowered = name.lowercased()
        return commands.first { $0.name == lowered }
    }

    /// Usages by name, for the argument hints.
    public var usages: [String: String] {
        Dictionary(commands.map { ($0.name, $0.usage) }, uniquingKeysWith: { a, _ in a })
    }

    /// The `:help` text: one line per command.
    public var helpText: String {
        let width = commands.map { ($0.name + " " + $0.usage).count }.max() ?? 0
        return commands.map { command in
            let head = command.usage.isEmpty ? command.name : command.name + " " + command.usage
            return "  " + head + String(repeating: " ", count: width - head.count + 2) + command.summary
        }.joined(separator: "\n")
    }
}
