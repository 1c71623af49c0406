extension ServerState {
    /// INFO replication as a primary: one `slaveN` line per replica with its acknowledged offset.
    /// The simulator keeps no backlog (every PSYNC is a full resync), so none is reported active.
    var replicationInfo: [(String, String)] {
        let replicas = replication.replicas.values.sorted { $0.client.id < $1.client.id }
        var fields: [(String, String)] = [("role", "master"), ("connected_slaves", String(replicas.count))]
        for (index, replica) in replicas.enumerated() {
            let address = replica.client.address
            let host = address.split(separator: ":").dropLast().joined(separator: ":")
            fields.append(("slave\(index)", "ip=\(host.isEmpty ? "127.0.0.1" : host),port=\(replica.listeningPort),state=online,offset=\(replica.acknowledgedOffset),lag=0"))
        }
        fields += [
            ("master_failover_state", "no-failover"), ("master_replid", replication.id),
            ("master_replid2", String(repeating: "0", count: 40)), ("master_repl_offset", String(replication.offset)),
            ("second_repl_offset", "-1"), ("repl_backlog_active", "0"), ("repl_backlog_size", "1048576"),
            ("repl_backlog_first_byte_offset", "0"), ("repl_backlog_histlen", "0"),
        ]
        return fields
    }
}
