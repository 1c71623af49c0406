import RESP

extension CommandTable {
    static let connectionCommands: [CommandSpec] = [
        CommandSpec("ping", arity: -1, flags: ["fast", "sentinel"], categories: ["@fast", "@connection"]) { ctx in
            guard ctx.count <= 2 else { throw RedisError.arity("ping") }
            return ctx.count == 2 ? .bulk(ctx[1]) : .simpleString("PONG")
        },
        CommandSpec("echo", arity: 2, flags: ["fast"], categories: ["@fast", "@connection"]) { ctx in
            .bulk(ctx[1])
        },
        CommandSpec("select", arity: 2, flags: ["loading", "stale", "fast"], categories: ["@fast", "@connection"]) { ctx in
            guard let index = ctx[1].int64Value else { throw RedisError.notInteger }
            guard index >= 0, index < Int64(ctx.server.databases.count) else { throw RedisError.dbIndexOutOfRange }
            ctx.client.databaseIndex = Int(index)
            return .ok
        },
        CommandSpec(
            "quit", arity: -1,
            flags: ["allow_busy", "noscript", "loading", "stale", "fast", "no_auth"],
            categories: ["@fast", "@connection"]
        ) { ctx in
            ctx.client.closeAfterReply = true
            return .ok
        },
    ]
}
