import RESP

/// SAVE, BGSAVE and LASTSAVE: the dataset written to `dir`/`dbfilename` as an RDB file that
/// redis-server loads. A background save is a snapshot taken at once; it is written before the
/// reply, so INFO never shows one in progress, and its outcome is INFO's `rdb_last_bgsave_status`.
extension CommandTable {
    static let saveCommands: [CommandSpec] = [
        CommandSpec("save", arity: 1, flags: ["admin", "noscript", "no_async_loading", "no_multi"],
                    categories: ["@admin", "@slow", "@dangerous"]) { ctx in
            // Redis answers a bare ERR and logs the reason; the simulator keeps it for INFO-less
            // callers (serve prints it) in `persistence.lastSaveFailure`.
            do throws(RDBFileError) {
                try ctx.server.save(now: ctx.now)
            } catch {
                ctx.server.persistence.lastSaveFailure = error.message
                throw RedisError("ERR")
            }
            return .ok
        },
        CommandSpec("bgsave", arity: -1, flags: ["admin", "noscript", "no_async_loading"],
                    categories: ["@admin", "@slow", "@dangerous"]) { ctx in
            guard ctx.count == 1 || (ctx.count == 2 && ctx.argument(1, is: "schedule")) else { throw RedisError.syntax }
            let started = ScriptMonitor.monotonicNanoseconds()
            do throws(RDBFileError) {
                try ctx.server.save(now: ctx.now)
                ctx.server.persistence.lastBackgroundSaveOK = true
            } catch {
                ctx.server.persistence.lastSaveFailure = error.message
                ctx.server.persistence.lastBackgroundSaveOK = false
            }
            ctx.server.persistence.lastBackgroundSaveSeconds = (ScriptMonitor.monotonicNanoseconds() - started) / 1_000_000_000
            return .simpleString("Background saving started")
        },
        CommandSpec("lastsave", arity: 1, flags: ["loading", "stale", "fast"], categories: ["@admin", "@fast", "@dangerous"]) { ctx in
            .integer(ctx.server.persistence.lastSaveTime)
        },
    ]
}
