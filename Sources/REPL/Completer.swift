/// Tab completion: Redis command names, their subcommands, `help` topics and meta-commands.
public struct Completer: Sendable {
    /// Command names, upper case.
    public let commands: [String]
    /// Subcommands by upper-case container name (`CONFIG` → `GET`, `SET`, …).
    public let subcommands: [String: [String]]
    /// Meta-command names with their colon (`:lesson`, `:run`, …).
    public let metaCommands: [String]

    /// A completer for the given names.
    public init(commands: [String], subcommands: [String: [String]], metaCommands: [String]) {
        self.commands = commands.sorted()
        self.subcommands = subcommands.mapValues { $0.sorted() }
        self.metaCommands = metaCommands.sorted()
    }

    /// A completer for a server's commands (name → subcommand words, as the backend's command
    /// table lists them) and the course's help table.
    public static func standard(commands: [String: [String]], metaCommands: [String]) -> Completer {
        var names = Set<String>()
        var subs: [String: Set<String>] = [:]
        for (command, subcommands) in commands {
            let name = command.uppercased()
            names.insert(name)
            for sub in subcommands { subs[name, default: []].insert(sub.uppercased()) }
        }
        for entry in CommandHelp.all {
            let words = entry.nameWords
            names.insert(words[0])
            if words.count > 1 { subs[words[0], default: []].insert(words[1]) }
        }
        names.insert("HELP")
        return Completer(
            commands: Array(names), subcommands: subs.mapValues { Array($0) }, metaCommands: metaCommands)
    }

    /// The completions of the word that ends `line` (the text before the cursor): each
    /// candidate is the whole word, written in the case the learner started typing in.
    public func candidates(for line: String) -> (word: String, candidates: [String]) {
        let endsWithSpace = line.last.map { $0 == " " || $0 == "\t" } ?? true
        let parts = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        let previous = endsWithSpace ? parts : Array(parts.dropLast())
        let word = endsWithSpace ? "" : parts.last ?? ""
        let pool: [String]
        switch previous.count {
        case 0:
            pool = word.hasPrefix(":") ? metaCommands : commands
        case 1 where previous[0].lowercased() == "help":
            pool = commands.filter { $0 != "HELP" } + CommandHelp.groups.map { "@" + $0 }
        case 1:
            pool = subcommands[previous[0].uppercased()] ?? []
        default:
            pool = []
        }
        let lowered = word.lowercased()
        let matches = pool.filter { $0.lowercased().hasPrefix(lowered) }
        let lowercase = word.isEmpty
            ? previous.first.map { $0 == $0.lowercased() } ?? false
            : word == lowered && word.contains(where: \.isLetter)
        return (word, matches.map { lowercase ? $0.lowercased() : $0 })
    }

    /// The longest prefix the candidates share (compared exactly).
    public static func commonPrefix(_ candidates: [String]) -> String {
        guard var prefix = candidates.first else { return "" }
        for candidate in candidates.dropFirst() {
            while !candidate.hasPrefix(prefix) { prefix.removeLast() }
        }
        return prefix
    }
}
