import RESP

extension CommandTable {
    /// FCALL, FCALL_RO and FUNCTION (Redis 7.0 Functions), with Redis's specs; the work is done
    /// by the installed `ScriptingEngine` (RedisScripting's LuaScripting).
    static let functionCommands: [CommandSpec] = [
        fcallSpec("fcall", readOnly: false),
        fcallSpec("fcall_ro", readOnly: true),
        CommandSpec(
            "function", arity: -2, flags: [], categories: ["@slow"],
            subcommands: [
                functionSubcommand("delete", arity: 3, flags: ["write", "noscript"]),
                functionSubcommand("dump", arity: 2, flags: ["noscript"]),
                functionSubcommand("flush", arity: -2, flags: ["write", "noscript"]),
                functionSubcommand("list", arity: -2, flags: ["noscript"]),
                functionSubcommand("load", arity: -3, flags: ["write", "denyoom", "noscript"]),
                functionSubcommand("restore", arity: -3, flags: ["write", "denyoom", "noscript"]),
                // While a script runs these two are served from its hook, under the lock it
                // holds: they answer from ScriptMonitor and never re-enter the busy engine.
                CommandSpec("function|stats", arity: 2, flags: ["noscript", "allow_busy"], categories: ["@slow", "@scripting"]) { ctx in
                    ctx.server.scriptMonitor.isRunning ? ctx.server.scriptMonitor.functionStats() : try runEngine(ctx)
                },
                CommandSpec("function|kill", arity: 2, flags: ["noscript", "allow_busy"], categories: ["@slow", "@scripting"]) { ctx in
                    ctx.server.scriptMonitor.kill(function: true)
                },
                CommandSpec("function|help", arity: 2, flags: ["loading", "stale"], categories: ["@slow", "@scripting"]) { _ in
                    .array(functionHelp.map { .simpleString($0) })
                },
            ], handler: { _ in .ok }),
    ]

    private static func fcallSpec(_ name: String, readOnly: Bool) -> CommandSpec {
        let flags = (readOnly ? ["readonly"] : []) + ["noscript", "stale", "skip_monitor", "no_mandatory_keys", "movablekeys"]
        return CommandSpec(name, arity: -3, flags: flags, categories: ["@slow", "@scripting"], handler: runEngine)
    }

    private static func functionSubcommand(_ name: String, arity: Int, flags: [String]) -> CommandSpec {
        let categories = (flags.contains("write") ? ["@write"] : []) + ["@slow", "@scripting"]
        return CommandSpec("function|" + name, arity: arity, flags: flags, categories: categories, handler: runEngine)
    }

    static let functionHelp = [
        "FUNCTION <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
        "LOAD [REPLACE] <FUNCTION CODE>",
        "    Create a new library with the given library name and code.",
        "DELETE <LIBRARY NAME>",
        "    Delete the given library.",
        "LIST [LIBRARYNAME PATTERN] [WITHCODE]",
        "    Return general information on all the libraries:",
        "    * Library name",
        "    * The engine used to run the Library",
        "    * Library description",
        "    * Functions list",
        "    * Library code (if WITHCODE is given)",
        "    It also possible to get only function that matches a pattern using LIBRARYNAME argument.",
        "STATS",
        "    Return information about the current function running:",
        "    * Function name",
        "    * Command used to run the function",
        "    * Duration in MS that the function is running",
        "    If no function is running, return nil",
        "    In addition, returns a list of available engines.",
        "KILL",
        "    Kill the current running function.",
        "FLUSH [ASYNC|SYNC]",
        "    Delete all the libraries.",
        "    When called without the optional mode argument, the behavior is determined by the",
        "    lazyfree-lazy-user-flush configuration directive. Valid modes are:",
        "    * ASYNC: Asynchronously flush the libraries.",
        "    * SYNC: Synchronously flush the libraries.",
        "DUMP",
        "    Return a serialized payload representing the current libraries, can be restored using FUNCTION RESTORE command",
        "RESTORE <PAYLOAD> [FLUSH|APPEND|REPLACE]",
        "    Restore the libraries represented by the given payload, it is possible to give a restore policy to",
        "    control how to handle existing libraries (default APPEND):",
        "    * FLUSH: delete all existing libraries.",
        "    * APPEND: appends the restored libraries to the existing libraries. On collision, abort.",
        "    * REPLACE: appends the restored libraries to the existing libraries, On collision, replace the old",
        "      libraries with the new libraries (notice that even on this option there is a chance of failure",
        "      in case of functions name collision with another library).",
        "HELP",
        "    Prints this help.",
    ]
}
