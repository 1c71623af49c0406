import RESP

/// SHUTDOWN [NOSAVE|SAVE] [NOW] [FORCE] [ABORT], parsed as Redis 7.0's shutdownCommand does
/// (its refusal of a client that may not block cannot arise: SHUTDOWN is refused in MULTI and
/// in scripts before it runs).
/// The simulator has no process to end: an accepted SHUTDOWN marks its client
/// (`requestsShutdown`) and closes it without a reply, and whoever serves the simulator stops.
/// Nothing is saved, as under `serve`'s default `--save ''`.
extension CommandTable {
    static let shutdownCommands: [CommandSpec] = [
        CommandSpec("shutdown", arity: -1, flags: ["admin", "noscript", "loading", "stale", "no_multi", "allow_busy"],
                    categories: ["@admin", "@slow", "@dangerous"]) { ctx in
            let options = try ShutdownOptions(ctx.args.dropFirst())
            if options.abort {
                // No shutdown is ever in progress: one that starts ends the server at once.
                throw RedisError("ERR No shutdown in progress.")
            }
            let scripts = ctx.server.scriptMonitor
            if !options.noSave, scripts.isBusy {
                // A busy script may have written: only a shutdown that saves nothing may end it.
                throw RedisError(scripts.busyText(function: scripts.runsFunction))
            }
            ctx.client.requestsShutdown = true
            ctx.client.closeAfterReply = true
            ctx.client.withholdsReply = true
            return .ok
        },
    ]
}

/// SHUTDOWN's modifiers, any number of times each and in any order, as Redis reads them.
struct ShutdownOptions {
    var noSave = false
    var save = false
    var now = false
    var force = false
    var abort = false

    /// Reads the modifiers; an unknown word, NOSAVE with SAVE, or ABORT with any other is a
    /// syntax error.
    init(_ words: ArraySlice<ByteString>) throws(RedisError) {
        for word in words {
            if word.matchesOption("NOSAVE") {
                noSave = true
            } else if word.matchesOption("SAVE") {
                save = true
            } else if word.matchesOption("NOW") {
                now = true
            } else if word.matchesOption("FORCE") {
                force = true
            } else if word.matchesOption("ABORT") {
                abort = true
            } else {
                throw .syntax
            }
        }
        if (abort && (noSave || save || now || force)) || (noSave && save) { throw .syntax }
    }
}
