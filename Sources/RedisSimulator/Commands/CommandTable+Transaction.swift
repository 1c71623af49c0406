import RESP

extension CommandTable {
    static let transactionCommands: [CommandSpec] = [
        CommandSpec(
            "multi", arity: 1, flags: ["noscript", "loading", "stale", "fast", "allow_busy"],
            categories: ["@fast", "@transaction"], roles: .runsInsideMulti
        ) { ctx in
            guard !ctx.client.transaction.inMulti else { throw RedisError("ERR MULTI calls can not be nested") }
            ctx.client.transaction.inMulti = true
            return .ok
        },
        CommandSpec(
            "exec", arity: 1, flags: ["noscript", "loading", "stale", "skip_slowlog"],
            categories: ["@slow", "@transaction"], roles: [.executesQueue, .endsTransaction]
        ) { ctx in try ctx.server.exec(ctx) },
        CommandSpec(
            "discard", arity: 1, flags: ["noscript", "loading", "stale", "fast", "allow_busy"],
            categories: ["@fast", "@transaction"], roles: .endsTransaction
        ) { ctx in
            guard ctx.client.transaction.inMulti else { throw RedisError("ERR DISCARD without MULTI") }
            ctx.server.discardTransaction(ctx.client)
            return .ok
        },
        CommandSpec(
            "watch", arity: -2, flags: ["noscript", "loading", "stale", "fast", "allow_busy"],
            keys: .all, categories: ["@fast", "@transaction"], roles: .runsInsideMulti
        ) { ctx in
            guard !ctx.client.transaction.inMulti else { throw RedisError("ERR WATCH inside MULTI is not allowed") }
            // No point watching once the transaction is already doomed.
            if ctx.client.transaction.dirty { return .ok }
            for key in ctx.args.dropFirst() {
                ctx.server.watch(key, client: ctx.client, db: ctx.db, now: ctx.now)
            }
            return .ok
        },
        CommandSpec(
            "unwatch", arity: 1, flags: ["noscript", "loading", "stale", "fast", "allow_busy"],
            categories: ["@fast", "@transaction"]
        ) { ctx in
            ctx.server.unwatchAll(ctx.client)
            ctx.client.transaction.dirty = false
            return .ok
        },
    ]
}
