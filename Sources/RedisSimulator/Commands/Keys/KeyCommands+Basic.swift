import RESP

extension CommandTable {
    static let keyBasicCommands: [CommandSpec] = [
        CommandSpec("del", arity: -2, flags: ["write"], keys: .all, categories: ["@keyspace", "@write", "@slow"], handler: deleteKeys),
        CommandSpec("unlink", arity: -2, flags: ["write", "fast"], keys: .all, categories: ["@keyspace", "@write", "@fast"], handler: deleteKeys),
        CommandSpec("exists", arity: -2, flags: ["readonly", "fast"], keys: .all, categories: ["@keyspace", "@read", "@fast"]) { ctx in
            .integer(Int64(ctx.args.dropFirst().filter { ctx.lookup($0, touching: false) != nil }.count))
        },
        CommandSpec("touch", arity: -2, flags: ["readonly", "fast"], keys: .all, categories: ["@keyspace", "@read", "@fast"]) { ctx in
            .integer(Int64(ctx.args.dropFirst().filter { ctx.lookup($0) != nil }.count))
        },
        CommandSpec("type", arity: 2, flags: ["readonly", "fast"], keys: .single, categories: ["@keyspace", "@read", "@fast"]) { ctx in
            // Counted as a hit or miss, without touching the key (Redis's LOOKUP_NOTOUCH).
            .simpleString(ctx.lookup(ctx[1], touching: false)?.typeName ?? "none")
        },
        CommandSpec("keys", arity: 2, flags: ["readonly"], categories: ["@keyspace", "@read", "@slow", "@dangerous"]) { ctx in
            let everything = ctx[1] == "*"
            let pattern = GlobPattern(ctx[1])
            var found: [RESPValue] = []
            for key in Array(ctx.db.entries.keys) where everything || pattern.matches(key) {
                if !ctx.expireIfNeeded(key) { found.append(.bulk(key)) }
            }
            return .array(found)
        },
        CommandSpec("randomkey", arity: 1, flags: ["readonly"], categories: ["@keyspace", "@read", "@slow"]) { ctx in
            while let key = ctx.db.entries.keys.randomElement() {
                if !ctx.expireIfNeeded(key) { return .bulk(key) }
            }
            return .nullBulkString
        },
    ]

    @Sendable static func deleteKeys(_ ctx: CommandContext) -> RESPValue {
        var removed: Int64 = 0
        for key in ctx.args.dropFirst() where ctx.exists(key) {
            ctx.deleteKey(key)
            ctx.notify(.generic, "del", key)
            removed += 1
        }
        return .integer(removed)
    }
}
