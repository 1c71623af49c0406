import RESP

/// ROLE, REPLICAOF and SLAVEOF: the simulator is always a primary. REPLICAOF NO ONE answers OK
/// as it does on a primary; following another server is refused with the reason, after the
/// port check Redis makes first.
extension CommandTable {
    static let replicationCommands: [CommandSpec] = [
        CommandSpec("role", arity: 1, flags: ["noscript", "loading", "stale", "fast"], categories: ["@admin", "@fast", "@dangerous"]) { _ in
            .array([.bulk("master"), .integer(0), .array([])])
        },
        CommandSpec("replicaof", arity: 3, flags: ["admin", "noscript", "stale", "no_async_loading"],
                    categories: ["@admin", "@slow", "@dangerous"], handler: replicaOf),
        CommandSpec("slaveof", arity: 3, flags: ["admin", "noscript", "stale", "no_async_loading"],
                    categories: ["@admin", "@slow", "@dangerous"], handler: replicaOf),
    ]

    @Sendable static func replicaOf(_ ctx: CommandContext) throws -> RESPValue {
        if ctx.argument(1, is: "no"), ctx.argument(2, is: "one") { return .ok }
        guard let port = ctx[2].int64Value, (0...65535).contains(port) else { throw RedisError("ERR Invalid master port") }
        throw RedisError(
            "ERR the redislings simulator is always a primary and cannot replicate from \(ctx[1].errorText):\(port); "
                + "REPLICAOF NO ONE is the form it accepts")
    }
}
