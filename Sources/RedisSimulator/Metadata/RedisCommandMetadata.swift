/// What Redis 7.0.15 reports about one of its commands in COMMAND INFO: arity, flags, ACL
/// categories, tips and key specs. The table (`RedisCommandMetadata+Table.swift`) is generated
/// from redis-server itself, so a command the simulator implements later finds its key specs
/// and tips there by name, and a test holds every declaration in the command table to it.
public struct RedisCommandMetadata: Sendable {
    /// Lowercase full name (`config|get`).
    public let name: String
    public let arity: Int
    public let flags: [String]
    /// Redis's legacy first key, last key and step.
    public let keys: KeyPositions
    /// `@write`, `@string`, … in Redis's order.
    public let categories: [String]
    /// Tips such as `nondeterministic_output` or `request_policy:all_shards`.
    public let tips: [String]
    public let keySpecs: [KeySpec]

    /// The metadata of every Redis 7.0.15 command and subcommand, by full name.
    public static let byName: [String: RedisCommandMetadata] = {
        var result: [String: RedisCommandMetadata] = [:]
        for line in table.split(separator: "\n") {
            let parts = line.split(separator: "|", omittingEmptySubsequences: false)
            // A subcommand's name holds a `|` too: its name is the first field of the row.
            var head = String(parts[0]), specParts = Array(parts.dropFirst())
            if let first = specParts.first, !first.hasPrefix(" ") {
                head += "|" + first
                specParts.removeFirst()
            }
            let fields = head.split(separator: " ").map(String.init)
            guard fields.count == 6, let arity = Int(fields[1]) else { continue }
            let positions = fields[3].split(separator: ",").compactMap { Int($0) }
            func list(_ text: String) -> [String] { text == "-" ? [] : text.split(separator: ",").map(String.init) }
            let metadata = RedisCommandMetadata(
                name: fields[0], arity: arity, flags: list(fields[2]),
                keys: KeyPositions(first: positions[0], last: positions[1], step: positions[2]),
                categories: list(fields[4]), tips: list(fields[5]),
                keySpecs: specParts.compactMap { KeySpec(parsing: String($0)) })
            result[metadata.name] = metadata
        }
        return result
    }()
}

/// One of Redis's key specs: the access flags of some keys, where the search for them begins
/// and how they are found from there (Redis's keySpec).
public struct KeySpec: Sendable, Equatable {
    public enum BeginSearch: Sendable, Equatable {
        case index(Int)
        case keyword(String, startFrom: Int)
        case unknown
    }

    public enum FindKeys: Sendable, Equatable {
        case range(lastKey: Int, keyStep: Int, limit: Int)
        case keyNumber(index: Int, firstKey: Int, keyStep: Int)
        case unknown
    }

    /// `RW`, `access`, `update`, … in Redis's order.
    public let flags: [String]
    public let beginSearch: BeginSearch
    public let findKeys: FindKeys

    init(flags: [String], beginSearch: BeginSearch, findKeys: FindKeys) {
        self.flags = flags
        self.beginSearch = beginSearch
        self.findKeys = findKeys
    }

    /// Reads `flags begin find` as the generator writes them.
    init?(parsing text: String) {
        let fields = text.split(separator: " ").map(String.init)
        guard fields.count == 3 else { return nil }
        flags = fields[0].split(separator: ",").map(String.init)
        func numbers(_ field: String) -> [Int] {
            field.split(separator: ":", maxSplits: 1).last.map { $0.split(separator: ",").compactMap { Int($0) } } ?? []
        }
        if fields[1].hasPrefix("index:"), let index = numbers(fields[1]).first {
            beginSearch = .index(index)
        } else if fields[1].hasPrefix("keyword:") {
            let parts = fields[1].dropFirst("keyword:".count).split(separator: ",")
            beginSearch = parts.count == 2 ? .keyword(String(parts[0]), startFrom: Int(parts[1]) ?? 0) : .unknown
        } else {
            beginSearch = .unknown
        }
        let values = numbers(fields[2])
        if fields[2].hasPrefix("range:"), values.count == 3 {
            findKeys = .range(lastKey: values[0], keyStep: values[1], limit: values[2])
        } else if fields[2].hasPrefix("keynum:"), values.count == 3 {
            findKeys = .keyNumber(index: values[0], firstKey: values[1], keyStep: values[2])
        } else {
            findKeys = .unknown
        }
    }

    /// True for keys the command reads (Redis's CMD_KEY_ACCESS).
    var reads: Bool { flags.contains("access") }
    /// True for keys the command changes (insert, delete or update).
    var writes: Bool { flags.contains("insert") || flags.contains("delete") || flags.contains("update") }
}
