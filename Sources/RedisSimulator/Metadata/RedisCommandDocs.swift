/// The facts Redis 7.0.15 documents about one command for COMMAND DOCS: version, group,
/// deprecation, the versions of its history and its argument tree. The table
/// (`RedisCommandDocs+Table.swift`) is generated from Redis's command JSON files by
/// scripts/generate-command-docs.py; the sentences (summary, complexity prose, what each
/// history entry changed) are ours, in `CommandDocsProse`.
public struct RedisCommandDocs: Sendable {
    /// Lowercase full name (`client|list`).
    public let name: String
    public let since: String
    /// `string`, `sorted-set`, … as COMMAND DOCS spells it.
    public let group: String
    /// Nil when Redis documents none; `*` when the prose table holds it.
    public let complexity: String?
    /// `deprecated`, `syscmd`.
    public let docFlags: [String]
    public let deprecatedSince: String?
    public let replacedBy: String?
    /// The version of each history entry, oldest first.
    public let historyVersions: [String]
    public let arguments: [Argument]

    /// One argument as COMMAND DOCS describes it (Redis's redisCommandArg).
    public struct Argument: Sendable, Equatable {
        public let name: String
        /// `key`, `string`, `integer`, `double`, `pattern`, `unix-time`, `pure-token`, `oneof`, `block`.
        public let type: String
        public let keySpecIndex: Int?
        public let token: String?
        public let since: String?
        public let deprecatedSince: String?
        /// `optional`, `multiple`, `multiple_token`, in Redis's order.
        public let flags: [String]
        /// The alternatives of a `oneof`, the parts of a `block`.
        public let children: [Argument]
    }

    /// The docs of every Redis 7.0.15 command and subcommand, by full name. Built on first use:
    /// only COMMAND DOCS reads it, so starting a simulator does not pay for it.
    public static let byName: [String: RedisCommandDocs] = {
        var result: [String: RedisCommandDocs] = [:]
        for line in table.split(separator: "\n") {
            guard let docs = RedisCommandDocs(parsing: line) else { continue }
            result[docs.name] = docs
        }
        return result
    }()

    /// Reads one row as the generator writes it; nil for a malformed row (a test holds every
    /// row to parse).
    init?(parsing line: Substring) {
        let fields = line.split(separator: "^", omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 9 else { return nil }
        func optional(_ text: String) -> String? { text.isEmpty ? nil : text }
        func list(_ text: String) -> [String] { text.split(separator: "+").map(String.init) }
        name = fields[0]
        since = fields[1]
        group = fields[2]
        complexity = optional(fields[3])
        docFlags = list(fields[4])
        deprecatedSince = optional(fields[5])
        replacedBy = optional(fields[6])
        historyVersions = list(fields[7])
        var reader = ArgumentReader(text: Array(fields[8].utf8))
        guard let arguments = reader.readList(), reader.atEnd else { return nil }
        self.arguments = arguments
    }
}

/// Reads the argument encoding: `name type [k=N] [t=T] [s=V] [d=V] [f=a+b] [{child,child}]`,
/// arguments separated by commas.
private struct ArgumentReader {
    let text: [UInt8]
    var position = 0

    var atEnd: Bool { position == text.count }

    mutating func readList() -> [RedisCommandDocs.Argument]? {
        var result: [RedisCommandDocs.Argument] = []
        if atEnd || text[position] == UInt8(ascii: "}") { return result }
        while true {
            guard let argument = readArgument() else { return nil }
            result.append(argument)
            guard !atEnd, text[position] == UInt8(ascii: ",") else { return result }
            position += 1
        }
    }

    private mutating func readArgument() -> RedisCommandDocs.Argument? {
        var words: [String] = []
        var children: [RedisCommandDocs.Argument] = []
        var word: [UInt8] = []
        while !atEnd {
            let byte = text[position]
            if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "}") { break }
            position += 1
            if byte == UInt8(ascii: " ") {
                words.append(String(decoding: word, as: UTF8.self))
                word = []
            } else if byte == UInt8(ascii: "{") {
                guard let list = readList(), !atEnd, text[position] == UInt8(ascii: "}") else { return nil }
                position += 1
                children = list
            } else {
                word.append(byte)
            }
        }
        words.append(String(decoding: word, as: UTF8.self))
        guard words.count >= 2 else { return nil }
        var keySpecIndex: Int?, token: String?, since: String?, deprecatedSince: String?, flags: [String] = []
        for attribute in words.dropFirst(2) {
            let value = String(attribute.dropFirst(2))
            switch attribute.prefix(2) {
            case "k=": keySpecIndex = Int(value)
            case "t=": token = value
            case "s=": since = value
            case "d=": deprecatedSince = value
            case "f=": flags = value.split(separator: "+").map(String.init)
            default: return nil
            }
        }
        return RedisCommandDocs.Argument(
            name: words[0], type: words[1], keySpecIndex: keySpecIndex, token: token, since: since,
            deprecatedSince: deprecatedSince, flags: flags, children: children)
    }
}
