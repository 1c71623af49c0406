import RESP

extension CommandTable {
    /// CLUSTER and the cluster-only connection commands. The simulator is one standalone
    /// server, as redis-server is without `cluster-enabled yes`: every one of them exists
    /// (so arity, flags, `COMMAND INFO` and "not allowed from script" answer as Redis's do)
    /// and then refuses with Redis's text.
    static var clusterCommands: [CommandSpec] {
        // (subcommand, arity, flags in the order COMMAND INFO prints them)
        let administrative = ["admin", "stale", "no_async_loading"]
        let subcommands: [(String, Int, [String])] = [
            ("addslots", -3, administrative), ("addslotsrange", -4, administrative),
            ("bumpepoch", 2, administrative), ("count-failure-reports", 3, ["admin", "stale"]),
            ("countkeysinslot", 3, ["stale"]), ("delslots", -3, administrative),
            ("delslotsrange", -4, administrative), ("failover", -2, administrative),
            ("flushslots", 2, administrative), ("forget", 3, administrative),
            ("getkeysinslot", 4, ["stale"]), ("help", 2, ["loading", "stale"]), ("info", 2, ["stale"]),
            ("keyslot", 3, ["stale"]), ("links", 2, ["stale"]), ("meet", -4, administrative),
            ("myid", 2, ["stale"]), ("nodes", 2, ["stale"]), ("replicas", 3, ["admin", "stale"]),
            ("replicate", 3, administrative), ("reset", -2, ["admin", "noscript", "stale"]),
            ("saveconfig", 2, administrative), ("set-config-epoch", 3, administrative),
            ("setslot", -4, administrative), ("shards", 2, ["stale"]), ("slaves", 3, ["admin", "stale"]),
            ("slots", 2, ["stale"]),
        ]
        return [
            CommandSpec("cluster", arity: -2, flags: [], categories: ["@slow"], subcommands: subcommands.map { name, arity, flags in
                let categories = flags.contains("admin") ? ["@admin", "@slow", "@dangerous"] : ["@slow"]
                return CommandSpec("cluster|\(name)", arity: arity, flags: flags, categories: categories) { _ in
                    throw RedisError.clusterSupportDisabled
                }
            }) { _ in throw RedisError.clusterSupportDisabled },
            CommandSpec("readonly", arity: 1, flags: ["loading", "stale", "fast"], categories: ["@fast", "@connection"]) { _ in
                throw RedisError.clusterSupportDisabled
            },
            CommandSpec("readwrite", arity: 1, flags: ["loading", "stale", "fast"], categories: ["@fast", "@connection"]) { _ in
                throw RedisError.clusterSupportDisabled
            },
            CommandSpec("asking", arity: 1, flags: ["fast"], categories: ["@fast", "@connection"]) { _ in
                throw RedisError.clusterSupportDisabled
            },
        ]
    }
}

extension RedisError {
    /// What a standalone Redis answers to every cluster command.
    static let clusterSupportDisabled = RedisError("ERR This instance has cluster support disabled")
}
