/// What `help CMD` and the argument hints know about one of the course's commands.
public struct CommandHelp: Sendable, Equatable {
    /// The command as typed, upper case; a subcommand includes its container (`XGROUP CREATE`).
    public let name: String
    /// The arguments after the name, in redis-cli's notation (`key value [NX|XX] …`).
    public let syntax: String
    /// What the command does, in a sentence.
    public let summary: String
    /// The command group (`string`, `pubsub`, `stream`, …) that `help @group` lists.
    public let group: String
    /// The Redis version that introduced the command.
    public let since: String

    init(_ name: String, _ syntax: String, _ summary: String, group: String, since: String) {
        self.name = name
        self.syntax = syntax
        self.summary = summary
        self.group = group
        self.since = since
    }

    /// The name split into words (`["XGROUP", "CREATE"]`).
    public var nameWords: [String] { name.split(separator: " ").map(String.init) }

    /// Every entry of the course's table.
    public static let all: [CommandHelp] = entries

    /// The groups, in the order the table first mentions them.
    public static let groups: [String] = {
        var seen: [String] = []
        for entry in entries where !seen.contains(entry.group) { seen.append(entry.group) }
        return seen
    }()

    /// The entry whose name is the longest prefix of `words` (compared without case).
    public static func longestMatch(_ words: [String]) -> CommandHelp? {
        var best: CommandHelp?
        for entry in entries {
            let name = entry.nameWords
            guard name.count <= words.count, name.count > (best?.nameWords.count ?? 0) else { continue }
            if zip(name, words).allSatisfy({ $0.lowercased() == $1.lowercased() }) { best = entry }
        }
        return best
    }

    /// The entries `help WORDS…` shows: `@group` lists a group, otherwise every entry whose
    /// name starts with the given words (`help xgroup` shows all XGROUP subcommands).
    public static func matching(_ words: [String]) -> [CommandHelp] {
        guard let first = words.first else { return [] }
        if first.hasPrefix("@") {
            let group = first.dropFirst().lowercased()
            return entries.filter { $0.group == group }
        }
        return entries.filter { entry in
            let name = entry.nameWords
            return name.count >= words.count
                && zip(name, words).allSatisfy { $0.lowercased() == $1.lowercased() }
        }
    }
}
