/// The commands a submission may not send: they reach beyond the exercise's keys (FLUSHALL,
/// SELECT), change or stop the server (CONFIG SET, SHUTDOWN, DEBUG), or hold up other clients
/// (CLIENT PAUSE, MONITOR).
enum ExerciseSandbox {
    static let refusedCommands: Set<String> = [
        "flushall", "flushdb", "shutdown", "debug", "select", "swapdb", "move", "migrate", "replicaof", "slaveof",
        "save", "bgsave", "bgrewriteaof", "monitor", "function", "failover", "sync", "psync", "module",
    ]
    static let refusedSubcommands: [String: Set<String>] = [
        "config": ["set", "rewrite", "resetstat"],
        "client": ["kill", "pause"],
        "script": ["kill"],
    ]

    /// Why `arguments` is refused, or nil when it may run.
    static func refusal(_ arguments: [String]) -> String? {
        guard let name = arguments.first?.lowercased() else { return nil }
        if refusedCommands.contains(name) {
            return "\(name.uppercased()) is not allowed in an exercise"
        }
        if let subcommands = refusedSubcommands[name], arguments.count >= 2, subcommands.contains(arguments[1].lowercased()) {
            return "\(name.uppercased()) \(arguments[1].uppercased()) is not allowed in an exercise"
        }
        return nil
    }
}
