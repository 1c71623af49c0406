import RESP

extension CommandTable {
    /// EVAL and friends and SCRIPT, with Redis 7.0's specs; the work is done by the installed
    /// `ScriptingEngine` (RedisScripting's LuaScripting).
    static let scriptingCommands: [CommandSpec] = [
        evalSpec("eval", readOnly: false),
        evalSpec("evalsha", readOnly: false),
        evalSpec("eval_ro", readOnly: true),
        evalSpec("evalsha_ro", readOnly: true),
        CommandSpec(
            "script", arity: -2, flags: [], categories: ["@slow"],
            subcommands: [
                scriptSubcommand("load", arity: 3, flags: ["noscript", "stale"]),
                scriptSubcommand("exists", arity: -3, flags: ["noscript"]),
                scriptSubcommand("flush", arity: -2, flags: ["noscript"]),
                // A busy script's hook runs this for the client that sent it (ScriptMonitor).
                CommandSpec("script|kill", arity: 2, flags: ["noscript", "allow_busy"], categories: ["@slow", "@scripting"]) { ctx in
                    ctx.server.scriptMonitor.kill()
                },
                CommandSpec("script|help", arity: 2, flags: ["loading", "stale"], categories: ["@slow", "@scripting"]) { _ in
                    .array(scriptHelp.map { .simpleString($0) })
                },
            ], handler: { _ in .ok }),
    ]

    private static func evalSpec(_ name: String, readOnly: Bool) -> CommandSpec {
        let flags = (readOnly ? ["readonly"] : [])
            + ["noscript", "stale", "skip_monitor", "no_mandatory_keys", "movablekeys"]
        return CommandSpec(name, arity: -3, flags: flags, categories: ["@slow", "@scripting"], handler: runEngine)
    }

    private static func scriptSubcommand(_ name: String, arity: Int, flags: [String]) -> CommandSpec {
        CommandSpec("script|" + name, arity: arity, flags: flags, categories: ["@slow", "@scripting"], handler: runEngine)
    }

    /// Hands an EVAL, SCRIPT or FUNCTION command to the installed Lua engine.
    @Sendable static func runEngine(_ ctx: CommandContext) throws -> RESPValue {
        guard let engine = ctx.server.scripting else {
            throw RedisError.scriptingUnavailable
        }
        return try engine.run(ctx)
    }

    static let scriptHelp = [
        "SCRIPT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
        "DEBUG (YES|SYNC|NO)",
        "    Set the debug mode for subsequent scripts executed.",
        "EXISTS <sha1> [<sha1> ...]",
        "    Return information about the existence of the scripts in the script cache.",
        "FLUSH [ASYNC|SYNC]",
        "    Flush the Lua scripts cache. Very dangerous on replicas.",
        "    When called without the optional mode argument, the behavior is determined by the",
        "    lazyfree-lazy-user-flush configuration directive. Valid modes are:",
        "    * ASYNC: Asynchronously flush the scripts cache.",
        "    * SYNC: Synchronously flush the scripts cache.",
        "KILL",
        "    Kill the currently executing Lua script.",
        "LOAD <script>",
        "    Load a script into the scripts cache without executing it.",
        "HELP",
        "    Prints this help.",
    ]
}
