import RESP

/// WAIT: counts the replicas (redis-server --replicaof pointed at serve) that acknowledged
/// everything propagated so far, asking them with REPLCONF GETACK and blocking until enough
/// answer or the timeout (0: for ever) passes, then answering how many did.
extension CommandTable {
    static let waitCommands: [CommandSpec] = [
        CommandSpec("wait", arity: 3, flags: ["noscript"], categories: ["@slow", "@connection"]) { ctx in
            guard ctx.server.replication.primary == nil else { throw RedisError(CommandTable.waitOnReplicaMessage) }
            let replicas = try ctx.integer(at: 1)
            let timeout = try ctx.integer(at: 2, orError: "timeout is not an integer or out of range")
            guard timeout >= 0 else { throw RedisError.negativeTimeout }
            let offset = ctx.server.replication.offset
            let acknowledged = ctx.server.replicasAcknowledging(offset)
            // Redis answers at once inside MULTI; WAIT is refused in scripts before it runs. A
            // blocked WAIT keeps the count in a C int, so one that wraps to 0 or below (2^31,
            // 2^32) is satisfied as soon as Redis looks again: it answers at once too.
            if acknowledged >= replicas || Int32(truncatingIfNeeded: replicas) <= 0 || ctx.client.deniesBlocking {
                return .integer(acknowledged)
            }
            ctx.server.requestAcknowledgements()
            ctx.server.replication.waiters.append(ReplicaWaiter(client: ctx.client, offset: offset, needed: replicas))
            return ctx.block(on: [], timeoutMilliseconds: timeout, timeoutReply: .integer(acknowledged)) { _, _ in nil }
        },
    ]

    static let waitOnReplicaMessage = "ERR WAIT cannot be used with replica instances. Please also note that since Redis 4.0 "
        + "if a replica is configured to be writable (which is not the default) writes to replicas are just local and are not propagated."
}
