import RESP

/// The one place that decides what the replication stream carries (Redis's propagate and
/// propagatePendingCommands): every write command's effect, in the order they ran, each as the
/// command a replica must run to reach the same state; a SELECT whenever the database changes;
/// the effects of one command that wrote more than once (EXEC, a script) wrapped in MULTI/EXEC;
/// expired keys as DEL; and a PING every repl-ping-replica-period seconds. A MONITOR-like feature reads the same hook.
extension ServerState {
    /// Commands that propagate whenever they succeed, whether or not a key changed (Redis
    /// counts them as changes, or flags them may-replicate).
    static let propagatesWhenSuccessful: Set<String> = [
        "flushall", "flushdb", "swapdb", "publish", "spublish",
        "function|load", "function|delete", "function|flush", "function|restore",
        "xgroup|create", "xgroup|createconsumer", "xgroup|setid", "xgroup|destroy", "xgroup|delconsumer",
        "xack", "xsetid",
    ]

    /// Queues `args`, run in database `database`, for the replicas.
    func propagate(_ args: [ByteString], database: Int) {
        // A replica propagates nothing of its own (Redis's shouldPropagate).
        guard !replication.replicas.isEmpty, replication.primary == nil else { return }
        replication.pending.append(ReplicationState.Operation(args: args, database: database))
    }

    /// Called when a command ends: queues what it propagates when it changed the dataset, and
    /// sends the queue once the outermost command ends.
    func commandEnded(
        _ spec: CommandSpec, _ args: [ByteString], database: Int, changed: Bool, failed: Bool, replacement: [[ByteString]]?
    ) {
        // Without replicas nothing is queued: the name lookups below are skipped on every command.
        if replication.replicas.isEmpty {
        } else if let replacement {
            for command in replacement { propagate(command, database: database) }
        } else if changed, spec.isWrite, !spec.runsScripts {
            // EXEC and scripts never propagate themselves: the commands they run do.
            propagate(args, database: database)
        } else if !changed, !failed, Self.propagatesWhenSuccessful.contains(spec.name) {
            propagate(args, database: database)
        }
        if replication.depth == 0 { flushPropagation() }
    }

    /// Propagates what a blocked command did when another command's write served it.
    func servedBlockedCommand(database: Int) {
        guard let replacement = replication.replacement else { return }
        replication.replacement = nil
        for command in replacement { propagate(command, database: database) }
        if replication.depth == 0 { flushPropagation() }
    }

    /// Sends the queued commands to every replica.
    func flushPropagation() {
        let operations = replication.pending
        guard !operations.isEmpty else { return }
        replication.pending = []
        // What a command queued before it made this server a replica goes nowhere (MULTI … REPLICAOF … EXEC).
        guard replication.primary == nil else { return }
        let transaction = operations.count > 1
        if transaction { send([ByteString("MULTI")], database: operations[0].database) }
        for operation in operations { send(operation.args, database: operation.database) }
        if transaction { send([ByteString("EXEC")], database: nil) }
    }

    /// Pings the replicas when repl-ping-replica-period (seconds) has passed, so they know the link lives.
    func pingReplicasIfDue(now: Int64) {
        guard !replication.replicas.isEmpty, replication.primary == nil, now >= replication.nextPing else { return }
        let period = config.values["repl-ping-replica-period"].flatMap { Int64($0) } ?? 10
        replication.nextPing = now + period * 1000
        send([ByteString("PING")], database: nil)
    }

    private func send(_ args: [ByteString], database: Int?) {
        if let database, database >= 0, database != replication.streamDatabase {
            replication.streamDatabase = database
            write([ByteString("SELECT"), ByteString(Int64(database))])
        }
        write(args)
    }

    private func write(_ args: [ByteString]) {
        let message = RESPValue.array(args.map { .bulkString($0.bytes) })
        replication.offset += Int64(RESPEncoder.encodedCount(of: message))
        for replica in replication.replicas.values { replica.client.push(message) }
    }
}

extension CommandContext {
    /// Makes this command propagate `commands` instead of its own arguments (an empty list
    /// propagates nothing): SET … EX as SET … PXAT, EXPIRE as PEXPIREAT, GETDEL as DEL.
    public func propagateInstead(_ commands: [[ByteString]]) {
        server.replication.replacement = commands
    }

    /// Adds `command` to what this command propagates instead of its own arguments (XREADGROUP:
    /// one XCLAIM per delivered entry, then XGROUP SETID).
    public func propagateAlso(_ command: [ByteString]) {
        server.replication.replacement = (server.replication.replacement ?? []) + [command]
    }
}
