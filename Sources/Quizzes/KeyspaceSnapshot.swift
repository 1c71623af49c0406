import RESP

/// Everything a command can leave behind, read through ordinary commands: for every database,
/// every key with its type, its whole value and its remaining time to live.
struct KeyspaceSnapshot: Equatable {
    /// One key's state.
    struct Entry: Equatable {
        var type: String
        var value: RESPValue
        /// Milliseconds left, or -1 for no expiry (the clock is fixed, so this is exact).
        var millisecondsToLive: Int64
    }

    /// `"db:key"` → its state.
    var entries: [String: Entry]

    /// Reads the whole keyspace of `server`.
    static func read(_ server: any RedisBackend) async -> KeyspaceSnapshot {
        guard let client = try? await server.connect() else { return KeyspaceSnapshot(entries: [:]) }
        defer { Task { await client.close() } }
        func run(_ words: String...) async -> RESPValue {
            await runBytes(words.map { Array($0.utf8) })
        }
        func runBytes(_ words: [[UInt8]]) async -> RESPValue {
            (try? await client.send(words)) ?? .nullBulkString
        }
        var entries: [String: Entry] = [:]
        for database in 0..<16 {
            _ = await run("SELECT", String(database))
            guard case .array(let keys) = await run("KEYS", "*") else { continue }
            for case .bulkString(let key) in keys {
                let type = await runBytes([Array("TYPE".utf8), key]).stringValue ?? "none"
                let value: RESPValue
                switch type {
                case "string": value = await runBytes([Array("GET".utf8), key])
                case "list": value = await runBytes([Array("LRANGE".utf8), key, Array("0".utf8), Array("-1".utf8)])
                case "hash": value = sortedPairs(await runBytes([Array("HGETALL".utf8), key]))
                case "set": value = sorted(await runBytes([Array("SMEMBERS".utf8), key]))
                case "zset": value = await runBytes([Array("ZRANGE".utf8), key, Array("0".utf8), Array("-1".utf8), Array("WITHSCORES".utf8)])
                case "stream": value = await runBytes([Array("XINFO".utf8), Array("STREAM".utf8), key, Array("FULL".utf8)])
                default: value = .nullBulkString
                }
                let ttl = await runBytes([Array("PTTL".utf8), key]).integerValue ?? -1
                entries["\(database):\(String(decoding: key, as: UTF8.self))"] = Entry(type: type, value: value, millisecondsToLive: ttl)
            }
        }
        return KeyspaceSnapshot(entries: entries)
    }

    /// A set's members in byte order, so two equal sets compare equal.
    private static func sorted(_ reply: RESPValue) -> RESPValue {
        guard case .array(let items) = reply else { return reply }
        return .array(items.sorted { bytes($0).lexicographicallyPrecedes(bytes($1)) })
    }

    /// A hash's field/value pairs in field order.
    private static func sortedPairs(_ reply: RESPValue) -> RESPValue {
        guard case .array(let items) = reply, items.count % 2 == 0 else { return reply }
        let pairs = stride(from: 0, to: items.count, by: 2).map { (items[$0], items[$0 + 1]) }
        return .array(pairs.sorted { bytes($0.0).lexicographicallyPrecedes(bytes($1.0)) }.flatMap { [$0.0, $0.1] })
    }

    private static func bytes(_ value: RESPValue) -> [UInt8] {
        if case .bulkString(let bytes) = value { return bytes }
        return []
    }
}
