extension ServerConfig {
    /// An integer parameter's value (0 when unset or not a number).
    func integer(_ name: String) -> Int64 { values[name].flatMap { Int64($0) } ?? 0 }
}

extension ServerConfig {
    /// `stream-node-max-entries` as a node size (0, Redis's "no entry limit", as no limit).
    var streamNodeCapacity: Int {
        let value = encodingLimits.streamNodeEntries
        return value > 0 ? value : Int.max
    }
}

extension ConfigParameter {
    /// Parameters Redis's own test units set that change nothing the simulator models (list
    /// compression, LFU tuning, shutdown signals), accepted with Redis's defaults and checks so
    /// that CONFIG GET and SET answer as Redis does.
    static let coreSurfaceParameters: [ConfigParameter] = [
        ConfigParameter("list-compress-depth", "0", .integer(min: 0, max: intMax)),
        ConfigParameter("lfu-log-factor", "10", .integer(min: 0, max: intMax)),
        ConfigParameter("lfu-decay-time", "1", .integer(min: 0, max: intMax)),
        ConfigParameter("shutdown-on-sigterm", "default", .choice(["default", "save", "nosave", "now", "force"])),
        ConfigParameter("shutdown-on-sigint", "default", .choice(["default", "save", "nosave", "now", "force"])),
        ConfigParameter("active-defrag-cycle-min", "1", .integer(min: 1, max: 99)),
        ConfigParameter("activedefrag", "no", .boolean),
    ]
}

extension ConfigParameter {
    /// A replica's settings (Replication/): whether it refuses writes and stale reads, how
    /// long its link may stay silent, and what INFO reports of it.
    static let replicaParameters: [ConfigParameter] = [
        ConfigParameter("replica-read-only", "yes", .boolean, aliases: ["slave-read-only"]),
        ConfigParameter("replica-serve-stale-data", "yes", .boolean, aliases: ["slave-serve-stale-data"]),
        ConfigParameter("repl-timeout", "60", .integer(min: 1, max: intMax)),
        ConfigParameter("masterauth", "", .text),
        ConfigParameter("masteruser", "", .text),
        ConfigParameter("replica-priority", "100", .integer(min: 0, max: intMax), aliases: ["slave-priority"]),
        ConfigParameter("replica-announced", "yes", .boolean),
    ]
}
