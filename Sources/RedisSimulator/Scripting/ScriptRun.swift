import RESP

/// One script invocation in progress: the script's own client session and the rules Redis
/// applies to each `redis.call` (Redis's scriptCall). Created by `CommandContext.beginScript`
/// while the simulator's lock is held; `call` re-enters dispatch without re-locking.
public final class ScriptRun {
    let server: ServerState
    /// The client that sent EVAL.
    public let caller: SimulatorClient
    /// The session `redis.call` runs in: the caller's database at start, its own SELECTs after.
    let client: SimulatorClient
    /// The time fixed for the whole script, as Redis fixes it.
    public let now: Int64
    /// True for EVAL_RO/EVALSHA_RO and `no-writes` scripts: write commands are refused.
    public let readOnly: Bool
    /// True for scripts and functions flagged `allow-oom`: commands run even over `maxmemory`.
    public let allowsOOM: Bool
    /// True once the script ran a write command (it can no longer be killed).
    public private(set) var wroteDirty = false
    private var finished = false

    init(
        server: ServerState, caller: SimulatorClient, callerLine: [ByteString], now: Int64, readOnly: Bool,
        allowsOOM: Bool, function: FunctionRunInfo
    ) {
        self.server = server
        self.allowsOOM = allowsOOM
        self.caller = caller
        self.now = now
        self.readOnly = readOnly
        self.client = SimulatorClient(id: 0, now: now)
        // Redis's script client never blocks (CLIENT_DENY_BLOCKING): XREAD BLOCK refuses, BLPOP answers as a timeout.
        client.isScriptClient = true
        client.scriptCaller = (caller, callerLine)
        client.databaseIndex = caller.databaseIndex
        client.user = caller.user
        let configured = server.config.values["busy-reply-threshold"] ?? server.config.values["lua-time-limit"]
        server.scriptMonitor.begin(thresholdMilliseconds: configured.flatMap { Int64($0) } ?? 5000, function: function)
    }

    /// The protocol `redis.call` replies come in: 2 unless the script ran `redis.setresp(3)`.
    public var protocolVersion: Int {
        get { client.protocolVersion }
        set { client.protocolVersion = newValue }
    }

    /// True once SCRIPT KILL asked this script to stop.
    public var killRequested: Bool { server.scriptMonitor.killRequested }

    /// Called from the engine's hook: once the script is busy, serves the clients waiting for
    /// it (BUSY replies, SCRIPT KILL, MULTI, new connections), as Redis does between the
    /// instructions of a timed-out script.
    public func serveWaitingClients() {
        server.scriptMonitor.serveWaiters(server)
    }

    /// Runs one command from the script (`redis.call`/`redis.pcall`), with Redis's checks and
    /// error texts; a refused command answers an error reply like a failed one.
    public func call(_ args: [ByteString]) -> RESPValue {
        // A refused command's error counts in errorstats here, as Redis's scriptCall counts it,
        // whether or not the script passes it on (the error table says so: see
        // `replyErrorWasCounted`).
        func unknown() -> RESPValue {
            server.stats.commands.countError(RedisError.unknownCommandFromScript.message)
            return .error(RedisError.unknownCommandFromScript.message)
        }
        guard let name = args.first, let parent = server.table.lookup(name) else { return unknown() }
        var spec = parent
        if !parent.subcommands.isEmpty, args.count >= 2 {
            guard let sub = server.table.lookupSubcommand(of: parent, args[1]) else { return unknown() }
            spec = sub
        }
        // A command refused here also counts as rejected in its commandstats.
        func rejected(_ message: String) -> RESPValue {
            server.stats.commands.countError(message)
            server.stats.commands.update(spec) { $0.rejectedCalls += 1 }
            return .error(message)
        }
        guard spec.argumentCountIsValid(args.count) else {
            return rejected("ERR Wrong number of args calling Redis command from script")
        }
        if spec.isNoScript { return rejected("ERR This Redis command is not allowed from script") }
        if let denial = server.aclRefusal(spec, args, client: client, context: "lua", caller: caller) {
            return rejected("ERR The user executing the script " + denial.scriptText)
        }
        if readOnly, spec.isWrite || spec.flags.contains("may_replicate") {
            return rejected("ERR Write commands are not allowed from read-only scripts.")
        }
        if spec.isWrite, server.refusesWritesAsReplica(for: caller) { return rejected(ServerState.readOnlyReplicaMessage) }
        if spec.isWrite, server.lacksGoodReplicas(now: now) { return rejected(ServerState.noReplicasMessage) }
        // allow-oom runs anything, as in Redis. Otherwise every denyoom command over maxmemory is
        // refused, stricter than Redis (which refuses only before the first write): graded runs
        // use maxmemory as their memory budget, so a looping writer must meet it.
        if !allowsOOM, server.refusesForMemory(spec) { return rejected(ServerState.outOfMemoryMessage) }
        if spec.isWrite {
            wroteDirty = true
            server.scriptMonitor.markDirty()
        }
        let reply = server.call(spec, args, client: client, now: now)
        if client.blocked != nil {
            // Scripts may not block (Redis's CLIENT_DENY_BLOCKING): answer as a timeout would.
            server.unblock(client)
            return RESPValue.nullArray.adapted(toProtocol: client.protocolVersion)
        }
        return reply.adapted(toProtocol: client.protocolVersion)
    }

    /// Redis's redis.acl_check_cmd: nil when `args` names no command the simulator knows, else
    /// whether the script's user may run it.
    public func userMayRun(_ args: [ByteString]) -> Bool? {
        guard let spec = server.table.lookupCommandLine(args) else { return nil }
        guard let user = caller.user, !user.isUnrestricted else { return true }
        return user.check(spec, args) == nil
    }

    /// Says that the script's error reply passes on an error a command inside it answered,
    /// already counted in errorstats (Redis's ignore_error_stats_update mark on the error table):
    /// EVAL then counts as failed without counting the error twice.
    public func replyErrorWasCounted() {
        caller.replyErrorCounted = true
    }

    /// Ends the run: other clients stop seeing a busy script.
    public func finish() {
        guard !finished else { return }
        finished = true
        server.scriptMonitor.end()
    }

    deinit { if !finished { server.scriptMonitor.end() } }
}

extension CommandContext {
    /// Starts a script run for this EVAL-family or FCALL command (`function` says which function
    /// and the engine's counts, for FUNCTION STATS); call `finish()` when the script ends.
    public func beginScript(readOnly: Bool, allowsOOM: Bool = false, function: FunctionRunInfo = FunctionRunInfo()) -> ScriptRun {
        ScriptRun(server: server, caller: client, callerLine: args, now: now, readOnly: readOnly, allowsOOM: allowsOOM, function: function)
    }

    /// Redis's checks before a script with declared flags (a function, or EVAL with a shebang)
    /// starts: one that may write is refused without enough good replicas (min-replicas-to-write),
    /// then, lacking `allow-oom`, while over `maxmemory`, then on a read-only replica.
    public func refuseScriptForMemory(mayWrite: Bool, allowsOOM: Bool) throws(RedisError) {
        if mayWrite, server.lacksGoodReplicas(now: now) { throw RedisError(ServerState.noReplicasMessage) }
        if mayWrite, !allowsOOM, server.isOverMaxMemory { throw RedisError(ServerState.outOfMemoryMessage) }
        // Redis counts such a script as a write command, so a read-only replica refuses it as one.
        if mayWrite, server.refusesWritesAsReplica(for: client) { throw RedisError(ServerState.readOnlyReplicaMessage) }
    }
}
