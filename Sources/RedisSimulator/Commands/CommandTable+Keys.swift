import RESP

extension CommandTable {
    static let keyCommands: [CommandSpec] = [
        CommandSpec("del", arity: -2, flags: ["write"], keys: .all, categories: ["@keyspace", "@write", "@slow"]) { ctx in
            var removed: Int64 = 0
            for key in ctx.args.dropFirst() where ctx.exists(key) {
                ctx.deleteKey(key)
                ctx.notify(.generic, "del", key)
                removed += 1
            }
            return .integer(removed)
        },
        CommandSpec("exists", arity: -2, flags: ["readonly", "fast"], keys: .all, categories: ["@keyspace", "@read", "@fast"]) { ctx in
            .integer(Int64(ctx.args.dropFirst().filter { ctx.exists($0) }.count))
        },
    ]
}
