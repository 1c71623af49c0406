import RESP

/// SYNC, PSYNC and REPLCONF: how a replica (redis-server --replicaof) attaches. The simulator
/// keeps no backlog, so every PSYNC is answered with a full resynchronization: FULLRESYNC with
/// the replication id and offset, the RDB snapshot as a bulk payload without a final CRLF,
/// then the propagated command stream (ServerState+Propagation) on the same connection.
extension CommandTable {
    static let syncCommands: [CommandSpec] = [
        CommandSpec("sync", arity: 1, flags: ["admin", "noscript", "no_async_loading", "no_multi"],
                    categories: ["@admin", "@slow", "@dangerous"]) { ctx in
            try ctx.refuseSyncWithoutPrimaryLink()
            // The snapshot is the whole answer; dispatch sends it (ExecutionResult.snapshot).
            ctx.client.pendingSnapshot = ctx.attachReplica()
            ctx.server.stats.fullSyncs += 1
            return .ok
        },
        CommandSpec("psync", arity: -3, flags: ["admin", "noscript", "no_async_loading", "no_multi"],
                    categories: ["@admin", "@slow", "@dangerous"]) { ctx in
            try ctx.refuseSyncWithoutPrimaryLink()
            let offset = ctx.server.replication.offset
            let header = "FULLRESYNC \(ctx.server.replication.id) \(offset)"
            ctx.client.pendingSnapshot = ctx.attachReplica()
            // Redis counts a failed partial attempt only when the replica named a history ("?" asks for a full one).
            if ctx[1].bytes.first != UInt8(ascii: "?") { ctx.server.stats.partialSyncErrors += 1 }
            ctx.server.stats.fullSyncs += 1
            return .simpleString(header)
        },
        CommandSpec("replconf", arity: -1, flags: ["admin", "noscript", "loading", "stale", "allow_busy"],
                    categories: ["@admin", "@slow", "@dangerous"]) { ctx in
            guard ctx.count % 2 == 1 else { throw RedisError.syntax }
            for index in stride(from: 1, to: ctx.count, by: 2) {
                let option = ctx[index].uppercasedString
                switch option {
                case "ACK":
                    // A replica's acknowledgement gets no reply; it moves WAIT on.
                    if let offset = ctx[index + 1].int64Value { ctx.server.acknowledge(ctx.client, offset: offset) }
                    ctx.client.withholdsReply = true
                    return .ok
                case "GETACK":
                    return .ok
                case "LISTENING-PORT":
                    guard let port = ctx[index + 1].int64Value else { throw RedisError.notInteger }
                    ctx.server.replication.announcedPorts[ctx.client.id] = port
                case "IP-ADDRESS", "CAPA", "RDB-ONLY":
                    continue
                default:
                    throw RedisError("ERR Unrecognized REPLCONF option: \(ctx[index].errorText)")
                }
            }
            return .ok
        },
    ]
}

extension CommandContext {
    /// A replica whose own link is not up has no dataset to offer (Redis's syncCommand); this
    /// also stops a server told to replicate from itself.
    func refuseSyncWithoutPrimaryLink() throws(RedisError) {
        if let link = server.replication.primary, link.phase != .connected {
            throw RedisError("NOMASTERLINK Can't SYNC while not connected with my master")
        }
    }

    /// Registers this client as a replica and returns the RDB snapshot it starts from; the
    /// stream that follows begins with a SELECT.
    func attachReplica() -> [UInt8] {
        let rdb = RDBFile.encode(server.snapshot(), now: now, usedMemory: server.estimatedMemoryUsage(), encoder: rdbEncoder)
        var replica = ReplicationState.Replica(client: client)
        replica.acknowledgedAt = now
        replica.listeningPort = server.replication.announcedPorts.removeValue(forKey: client.id) ?? 0
        server.replication.replicas[client.id] = replica
        server.replication.streamDatabase = -1
        server.replication.nextPing = now + 10_000
        return rdb
    }
}
