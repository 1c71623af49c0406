import RESP

extension CommandTable {
    static let infoCommands: [CommandSpec] = [
        CommandSpec("info", arity: -1, flags: ["loading", "stale"], categories: ["@slow", "@dangerous"]) { ctx in
            let requested = ctx.args.dropFirst().map { $0.string.lowercased() }
            return .verbatimString(format: "txt", text: ctx.server.infoText(sections: requested, now: ctx.now))
        },
    ]
}

extension ServerState {
    /// The sections INFO prints by default, in Redis's order.
    static let infoSections = ["server", "clients", "memory", "persistence", "stats", "replication", "cpu", "modules",
                               "errorstats", "cluster", "keyspace"]

    /// INFO's text: `# Section` headers, `field:value` lines, CRLF line ends, a blank line
    /// between sections. Bytes, not a String: an errorstats code may be any bytes a script chose.
    func infoText(sections requested: [String], now: Int64) -> [UInt8] {
        var chosen: [String]
        let all = requested.contains("all") || requested.contains("everything")
        if requested.isEmpty || requested.contains("default") || all {
            chosen = Self.infoSections
        } else {
            chosen = Self.infoSections.filter { requested.contains($0) }
        }
        // commandstats is not a default section; Redis prints it after modules, before errorstats.
        if all || requested.contains("commandstats") {
            let later = chosen.firstIndex { ["errorstats", "cluster", "keyspace"].contains($0) } ?? chosen.count
            chosen.insert("commandstats", at: later)
        }
        var blocks: [[UInt8]] = []
        for section in chosen {
            let lines: [[UInt8]]
            if section == "errorstats" {
                lines = errorStatsLines
            } else {
                guard let fields = infoFields(section, now: now) else { continue }
                lines = fields.map { Array("\($0.0):\($0.1)".utf8) }
            }
            let title = section == "cpu" ? "CPU" : section.prefix(1).uppercased() + section.dropFirst()
            blocks.append(([Array("# \(title)".utf8)] + lines).joined(separator: [13, 10]) + [13, 10])
        }
        return Array(blocks.joined(separator: [13, 10]))
    }

    private func infoFields(_ section: String, now: Int64) -> [(String, String)]? {
        let uptime = max(0, (now - startedAt) / 1000)
        switch section {
        case "server":
            return [
                ("redis_version", Self.redisVersion), ("redis_git_sha1", "00000000"), ("redis_git_dirty", "0"),
                ("redis_build_id", "redislings"), ("redis_mode", "standalone"), ("os", "redislings simulator"),
                ("arch_bits", "64"), ("monotonic_clock", "POSIX clock_gettime"), ("multiplexing_api", "epoll"),
                ("atomicvar_api", "c11-builtin"), ("gcc_version", "0.0.0"), ("process_id", "1"),
                ("process_supervised", "no"), ("run_id", runID), ("tcp_port", config.values["port"] ?? "6379"),
                ("server_time_usec", String(clock.nowMicroseconds())), ("uptime_in_seconds", String(uptime)),
                ("uptime_in_days", String(uptime / 86400)), ("hz", config.values["hz"] ?? "10"),
                ("configured_hz", config.values["hz"] ?? "10"), ("lru_clock", String((now / 1000) & 0xFFFFFF)),
                ("executable", "redislings"), ("config_file", ""), ("io_threads_active", "0"),
            ]
        case "clients":
            let blocked = clients.values.filter { $0.blocked != nil }.count + postponedCount
            return [
                ("connected_clients", String(clients.count)), ("cluster_connections", "0"),
                ("maxclients", config.values["maxclients"] ?? "10000"), ("client_recent_max_input_buffer", "0"),
                ("client_recent_max_output_buffer", String(outputPeaks.recent(at: now / 1000))), ("blocked_clients", String(blocked)),
                ("tracking_clients", String(tracking.clientCount)), ("clients_in_timeout_table", String(blocked)),
            ]
        case "memory":
            let used = estimatedMemoryUsage()
            let maxmemory = config.maxmemory
            return [
                ("used_memory", String(used)), ("used_memory_human", Self.humanBytes(used)),
                ("used_memory_rss", String(used)), ("used_memory_rss_human", Self.humanBytes(used)),
                ("used_memory_peak", String(used)), ("used_memory_peak_human", Self.humanBytes(used)),
                ("used_memory_peak_perc", "100.00%"), ("used_memory_overhead", String(Self.baseMemory)),
                ("used_memory_dataset", String(used - Self.baseMemory)),
            ] + scriptingMemoryInfo + [
                ("maxmemory", String(maxmemory)),
                ("maxmemory_human", Self.humanBytes(maxmemory)), ("maxmemory_policy", config.maxmemoryPolicy),
                // Nothing the simulator counts in used_memory is exempt from eviction (Redis
                // exempts replication and AOF buffers, which have no size here).
                ("mem_fragmentation_ratio", "1.00"), ("mem_not_counted_for_evict", "0"),
                ("mem_allocator", "libc"), ("lazyfree_pending_objects", "0"),
            ]
        case "persistence":
            return persistenceInfo
        case "stats":
            // Redis 7.0's field list, in its order: what the simulator has no counterpart for
            // (forks, defragmentation, I/O threads, cached MIGRATE sockets) is a truthful 0.
            return [
                ("total_connections_received", String(stats.connectionsReceived)),
                ("total_commands_processed", String(stats.commandsProcessed)), ("instantaneous_ops_per_sec", "0"),
                ("total_net_input_bytes", "0"), ("total_net_output_bytes", "0"),
                ("total_net_repl_input_bytes", "0"), ("total_net_repl_output_bytes", "0"),
                ("instantaneous_input_kbps", "0.00"), ("instantaneous_output_kbps", "0.00"),
                ("instantaneous_input_repl_kbps", "0.00"), ("instantaneous_output_repl_kbps", "0.00"),
                ("rejected_connections", "0"),
                ("sync_full", String(stats.fullSyncs)), ("sync_partial_ok", "0"),
                ("sync_partial_err", String(stats.partialSyncErrors)),
                ("expired_keys", String(stats.expiredKeys)), ("expired_stale_perc", "0.00"),
                ("expired_time_cap_reached_count", "0"), ("expire_cycle_cpu_milliseconds", "0"),
                ("evicted_keys", String(stats.evictedKeys)), ("evicted_clients", "0"),
                ("total_eviction_exceeded_time", "0"), ("current_eviction_exceeded_time", "0"),
                ("keyspace_hits", String(stats.keyspaceHits)), ("keyspace_misses", String(stats.keyspaceMisses)),
                ("pubsub_channels", String(pubsub.channels.count)), ("pubsub_patterns", String(pubsub.patterns.count)),
                ("pubsubshard_channels", String(pubsub.shardChannels.count)),
                ("latest_fork_usec", "0"), ("total_forks", "0"), ("migrate_cached_sockets", "0"),
                ("slave_expires_tracked_keys", "0"),
                ("active_defrag_hits", "0"), ("active_defrag_misses", "0"), ("active_defrag_key_hits", "0"),
                ("active_defrag_key_misses", "0"), ("total_active_defrag_time", "0"), ("current_active_defrag_time", "0"),
                ("tracking_total_keys", String(tracking.keys.count)), ("tracking_total_items", String(tracking.totalItems)),
                ("tracking_total_prefixes", String(tracking.prefixes.count)),
                ("unexpected_error_replies", "0"),
                ("total_error_replies", String(stats.commands.totalErrorReplies)), ("dump_payload_sanitizations", "0"),
                ("total_reads_processed", String(stats.commandsProcessed)),
                ("total_writes_processed", String(stats.commandsProcessed)),
                ("io_threaded_reads_processed", "0"), ("io_threaded_writes_processed", "0"),
                ("reply_buffer_shrinks", "0"), ("reply_buffer_expands", "0"),
            ]
        case "replication":
            return replicationInfo
        case "cpu":
            return [("used_cpu_sys", "0.000000"), ("used_cpu_user", "0.000000"),
                    ("used_cpu_sys_children", "0.000000"), ("used_cpu_user_children", "0.000000")]
        case "modules":
            return []
        case "commandstats":
            return commandStatsFields
        case "cluster":
            return [("cluster_enabled", "0")]
        case "keyspace":
            return databases.compactMap { db in
                guard db.count > 0 else { return nil }
                return ("db\(db.index)", "keys=\(db.count),expires=\(db.expiresCount),avg_ttl=0")
            }
        default:
            return nil
        }
    }

    /// What an empty redis-server 7.0 reports as used_memory, roughly.
    static let baseMemory: Int64 = 870_000

    /// An estimate of the memory Redis would use for this dataset (for INFO memory and maxmemory
    /// lessons): per key its dictionary entry, key and value objects, sized as Redis's allocator
    /// rounds them. Aggregates count at a flat size, or, with `countingElements` (the maxmemory
    /// budget), also per element, so a list or set filled in a loop counts against the limit.
    func estimatedMemoryUsage(countingElements: Bool = false) -> Int64 {
        var total = Self.baseMemory
        for db in databases {
            for slot in db.entries {
                total += estimatedKeyMemory(slot.key, slot.value, countingElements: countingElements)
            }
            total += Int64(db.expiresCount) * 32
        }
        return total
    }

    /// One key's share of `estimatedMemoryUsage` (what evicting it gives back).
    func estimatedKeyMemory(_ key: ByteString, _ value: RedisValue, countingElements: Bool) -> Int64 {
        let entry = 24 + Self.allocation(key.count + 4) + 16
        // An aggregate's flat size, and what its elements add.
        let aggregate: (flat: Int64, elements: Int64)
        switch value {
        case .string(let s):
            return entry + (s.count <= 44 ? 0 : Self.allocation(s.count + 4))
        case .list(let list): aggregate = (200, Int64(list.count) * 16)
        case .hash(let hash): aggregate = (200, Int64(hash.count) * 32)
        case .set(let set): aggregate = (200, Int64(set.count) * 16)
        case .zset(let zset): aggregate = (200, Int64(zset.count) * 48)
        case .stream(let stream): aggregate = (600, Int64(stream.count) * 64)
        }
        return entry + aggregate.flat + (countingElements ? aggregate.elements : 0)
    }

    /// jemalloc's size class for a request of `bytes` (multiples of 8 to 16 up to 128, then of 16…).
    static func allocation(_ bytes: Int) -> Int64 {
        let rounded = bytes <= 8 ? 8 : bytes <= 128 ? (bytes + 15) / 16 * 16 : (bytes + 63) / 64 * 64
        return Int64(rounded)
    }

    /// Redis's bytesToHuman: B, K, M, G with two decimals.
    static func humanBytes(_ value: Int64) -> String {
        let d = Double(value)
        func two(_ x: Double) -> String {
            let scaled = Int64((x * 100).rounded())
            let fraction = scaled % 100
            return "\(scaled / 100).\(fraction < 10 ? "0" : "")\(fraction)"
        }
        if value < 1024 { return "\(value)B" }
        if value < 1024 * 1024 { return two(d / 1024) + "K" }
        if value < 1024 * 1024 * 1024 { return two(d / 1024 / 1024) + "M" }
        return two(d / 1024 / 1024 / 1024) + "G"
    }
}
