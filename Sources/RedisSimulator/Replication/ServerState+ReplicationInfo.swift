extension ServerState {
    /// INFO replication, with Redis 7.0's fields in its order: a replica's link first, then one
    /// `slaveN` line per replica with its acknowledged offset. The simulator keeps no backlog
    /// (every PSYNC is a full resync), so none is reported active.
    var replicationInfo: [(String, String)] {
        let replicas = replication.replicas.values.sorted { $0.client.id < $1.client.id }
        var fields: [(String, String)] = [("role", replication.primary == nil ? "master" : "slave")]
        if let link = replication.primary { fields += linkInfo(link, now: clock.nowMilliseconds()) }
        fields.append(("connected_slaves", String(replicas.count)))
        for (index, replica) in replicas.enumerated() {
            fields.append(("slave\(index)", "ip=\(replica.client.host),port=\(replica.listeningPort),state=online,offset=\(replica.acknowledgedOffset),lag=0"))
        }
        fields += [
            ("master_failover_state", "no-failover"), ("master_replid", replication.id),
            ("master_replid2", replication.previousID), ("master_repl_offset", String(replication.offset)),
            ("second_repl_offset", String(replication.previousIDValidUntil)), ("repl_backlog_active", "0"), ("repl_backlog_size", "1048576"),
            ("repl_backlog_first_byte_offset", "0"), ("repl_backlog_histlen", "0"),
        ]
        return fields
    }

    private func linkInfo(_ link: PrimaryLink, now: Int64) -> [(String, String)] {
        let seconds = now / 1000
        var fields: [(String, String)] = [
            ("master_host", link.host), ("master_port", String(link.port)),
            ("master_link_status", link.phase == .connected ? "up" : "down"),
            ("master_last_io_seconds_ago", link.primaryClient == nil ? "-1" : String(seconds - link.lastIO / 1000)),
            ("master_sync_in_progress", link.phase == .sync ? "1" : "0"),
            // Redis reports 1 before any sync, its cached master's offsets after one.
            ("slave_read_repl_offset", String(link.readOffset ?? 1)), ("slave_repl_offset", String(link.appliedOffset ?? 1)),
        ]
        if link.phase == .sync {
            let percent = link.transferSize > 0 ? Double(link.transferRead) / Double(link.transferSize) * 100 : 0
            fields += [
                ("master_sync_total_bytes", String(link.transferSize)), ("master_sync_read_bytes", String(link.transferRead)),
                ("master_sync_left_bytes", String(link.transferSize - link.transferRead)),
                ("master_sync_perc", String(format2: percent)),
                ("master_sync_last_io_seconds_ago", String(seconds - link.lastIO / 1000)),
            ]
        }
        if link.phase != .connected {
            fields.append(("master_link_down_since_seconds", link.downSince.map { String(seconds - $0 / 1000) } ?? "-1"))
        }
        fields += [
            ("slave_priority", config.values["replica-priority"] ?? "100"),
            ("slave_read_only", config.values["replica-read-only"] == "no" ? "0" : "1"),
            ("replica_announced", config.values["replica-announced"] == "no" ? "0" : "1"),
        ]
        return fields
    }
}

private extension String {
    /// `value` with two decimals, as C's `%.2f`.
    init(format2 value: Double) {
        let hundredths = Int64((value * 100).rounded())
        let fraction = hundredths % 100
        self = "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
