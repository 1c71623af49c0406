import RESP

extension CommandTable {
    /// MODULE and DEBUG as a stock redis-server 7.0 answers them: no module is loaded, and the
    /// commands Redis marks protected (MODULE LOAD/LOADEX/UNLOAD, DEBUG) are refused before
    /// they run while `enable-module-command`/`enable-debug-command` are `no`, which they
    /// always are here (see `ServerState.protectedRefusal`).
    static var moduleCommands: [CommandSpec] {
        let administrative = ["admin", "noscript", "no_async_loading"]
        return [
            CommandSpec("module", arity: -2, flags: [], categories: ["@slow"], subcommands: [
                CommandSpec("module|help", arity: 2, flags: ["loading", "stale"]) { _ in
                    CommandTable.helpReply("MODULE", [
                        "LIST",
                        "    Return a list of loaded modules.",
                        "LOAD <path> [<arg> ...]",
                        "    Load a module library from <path>, passing to it any optional arguments.",
                        "LOADEX <path> [[CONFIG NAME VALUE] [CONFIG NAME VALUE]] [ARGS ...]",
                        "    Load a module library from <path>, while passing it module configurations and optional arguments.",
                        "UNLOAD <name>",
                        "    Unload a module.",
                    ])
                },
                CommandSpec("module|list", arity: 2, flags: ["admin", "noscript"]) { _ in .array([]) },
                // The simulator cannot load a shared library: a load fails as Redis's does.
                CommandSpec("module|load", arity: -3, flags: administrative) { _ in throw RedisError.moduleLoadFailed },
                CommandSpec("module|loadex", arity: -3, flags: administrative) { _ in throw RedisError.moduleLoadFailed },
                CommandSpec("module|unload", arity: 3, flags: administrative) { _ in
                    throw RedisError("ERR Error unloading module: no such module with that name")
                },
            ]) { _ in .ok },
            CommandSpec("debug", arity: -2, flags: ["admin", "noscript", "loading", "stale"]) { _ in
                throw RedisError.protectedCommand("DEBUG", option: "enable-debug-command")
            },
        ]
    }
}

extension ServerState {
    /// The option that must allow a protected command (Redis's CMD_PROTECTED), by spec name.
    static let protectedCommands: [String: (command: String, option: String)] = [
        "debug": ("DEBUG", "enable-debug-command"),
        "module|load": ("MODULE", "enable-module-command"),
        "module|loadex": ("MODULE", "enable-module-command"),
        "module|unload": ("MODULE", "enable-module-command"),
    ]

    /// Redis's refusal of a protected command while its `enable-…-command` option is `no` (the
    /// simulator has neither `yes` nor `local`: both options are immutable), else nil.
    func protectedRefusal(_ spec: CommandSpec) -> RedisError? {
        guard spec.isProtected, let guarded = Self.protectedCommands[spec.name], config.values[guarded.option] != "yes" else { return nil }
        return .protectedCommand(guarded.command, option: guarded.option)
    }
}

extension RedisError {
    /// What Redis answers to a protected command its configuration does not enable.
    static func protectedCommand(_ command: String, option: String) -> RedisError {
        RedisError("ERR \(command) command not allowed. If the \(option) option is set to \"local\", you can run it from a local connection, otherwise you need to set this option in the configuration file, and then restart the server.")
    }

    /// MODULE LOAD/LOADEX when the library cannot be loaded.
    static let moduleLoadFailed = RedisError("ERR Error loading the extension. Please check the server logs.")
}
