import RESP

extension CommandTable {
    static let keyScanCommands: [CommandSpec] = [
        CommandSpec("scan", arity: -2, flags: ["readonly"], categories: ["@keyspace", "@read", "@slow"]) { ctx in
            let options = try KeyScanOptions(ctx, optionsFrom: 2)
            let (next, keys) = KeyScanner.page(of: ctx.db, after: options.cursor, count: options.count)
            var found: [RESPValue] = []
            for key in keys {
                if let pattern = options.pattern, !pattern.matches(key) { continue }
                if ctx.expireIfNeeded(key) { continue }
                if let type = options.type {
                    guard let value = ctx.db.entries[key], value.typeName.equalsIgnoringCaseASCII(type) else { continue }
                }
                found.append(.bulk(key))
            }
            return .array([.bulk(ByteString(String(next))), .array(found)])
        },
    ]
}

/// SCAN's cursor and options, parsed as Redis's scanGenericCommand parses them.
struct KeyScanOptions {
    var cursor: UInt64
    var count = 10
    var pattern: GlobPattern?
    var type: String?

    init(_ ctx: CommandContext, optionsFrom first: Int) throws(RedisError) {
        cursor = try CollectionScan.cursor(ctx[first - 1])
        var i = first
        while i < ctx.count {
            let remaining = ctx.count - i - 1
            if ctx.argument(i, is: "COUNT"), remaining >= 1 {
                guard let value = ctx[i + 1].int64Value, value <= Int64(Int.max) else { throw RedisError.notInteger }
                guard value >= 1 else { throw RedisError.syntax }
                count = Int(value)
            } else if ctx.argument(i, is: "MATCH"), remaining >= 1 {
                // A lone "*" matches everything, as Redis short-circuits it (even the empty key).
                pattern = ctx[i + 1] == "*" ? nil : GlobPattern(ctx[i + 1])
            } else if ctx.argument(i, is: "TYPE"), remaining >= 1 {
                type = ctx[i + 1].string
            } else {
                throw RedisError.syntax
            }
            i += 2
        }
    }
}

/// Pages through a database in the order of a per-process hash of each key, so a key present
/// for the whole iteration is returned exactly once however the dictionary grows or shrinks
/// (the guarantee Redis's reverse-binary cursor gives). Cursor 0 starts and ends an iteration.
enum KeyScanner {
    /// The cursor position of `key`: 1…2^63.
    static func position(_ key: ByteString) -> UInt64 {
        UInt64(bitPattern: Int64(key.hashValue)) >> 1 + 1
    }

    /// Up to `count` keys at or after `cursor` (more when keys share a position), and the next cursor.
    ///
    /// - Complexity: O(n + count log count).
    static func page(of db: Database, after cursor: UInt64, count: Int) -> (next: UInt64, keys: [ByteString]) {
        if cursor == 0 && db.entries.count <= count {
            return (0, Array(db.entries.keys))
        }
        var candidates: [(UInt64, ByteString)] = []
        for key in db.entries.keys {
            let p = position(key)
            if p >= cursor { candidates.append((p, key)) }
        }
        guard candidates.count > count else { return (0, candidates.map(\.1)) }
        candidates.sort { $0.0 < $1.0 }
        var end = count
        while end < candidates.count && candidates[end].0 == candidates[end - 1].0 { end += 1 }
        guard end < candidates.count else { return (0, candidates.map(\.1)) }
        return (candidates[end - 1].0 + 1, candidates[..<end].map(\.1))
    }
}

extension String {
    func equalsIgnoringCaseASCII(_ other: String) -> Bool { ByteString(self).equalsIgnoringCase(other) }
}
