import RESP

extension ServerState {
    /// Checks and runs one command from a client, as Redis's processCommand does: lookup, arity,
    /// MULTI and subscribed-mode rules, then the call, then serving clients blocked on the keys
    /// it wrote. `whileScriptBusy` is true when a busy script's hook runs it: then only
    /// `allow_busy` commands run, and neither expiry nor blocked clients are served, as in Redis.
    func process(_ args: [ByteString], from client: SimulatorClient, whileScriptBusy: Bool = false) -> ExecutionResult {
        // A busy script's hook serves other clients while the script's caller is current:
        // theirs is a nested command, whose invalidations wait with the caller's.
        let outer = currentClient
        if outer == nil, tracking.clientCount > 0 { trackingLimitUsedSlots() }
        currentClient = client
        var result = processInServerShape(args, from: client, whileScriptBusy: whileScriptBusy)
        currentClient = outer
        if outer == nil, !tracking.beforeReplyForCurrent.isEmpty {
            let first = tracking.beforeReplyForCurrent
            tracking.beforeReplyForCurrent = []
            switch result {
            case .reply(let reply): result = .replies(first + [reply])
            case .replies(let replies): result = .replies(first + replies)
            case .blocked, .snapshot: for message in first { client.push(message) }
            }
        }
        if outer == nil, client.tracking.enabled || tracking.clientCount > 0 {
            // CLIENT CACHING lasts for the next command, or the whole transaction.
            if !client.transaction.inMulti, !(args.first?.equalsIgnoringCase("client") ?? false) {
                client.tracking.cachingGiven = false
            }
            let own = trackingAfterCommand(client)
            if !own.isEmpty {
                switch result {
                case .reply(let reply): result = .replies([reply] + own)
                case .replies(let replies): result = .replies(replies + own)
                case .blocked, .snapshot: for message in own { client.push(message) }
                }
            }
        }
        // Commands build RESP3 shapes; each client reads them in the protocol it chose. Most
        // replies read alike in both, and go out as they are, uncopied.
        if case .reply(let reply) = result, !reply.needsAdapting(toProtocol: client.protocolVersion) { return result }
        switch result {
        case .reply(let reply): return .reply(reply.adapted(toProtocol: client.protocolVersion))
        case .replies(let replies): return .replies(replies.map { $0.adapted(toProtocol: client.protocolVersion) })
        case .blocked: return .blocked
        case .snapshot(let header, let rdb): return .snapshot(header: header?.adapted(toProtocol: client.protocolVersion), rdb: rdb)
        }
    }

    private func processInServerShape(
        _ args: [ByteString], from client: SimulatorClient, whileScriptBusy: Bool
    ) -> ExecutionResult {
        client.queryBuffer.receive(requestBytes(args))
        defer { client.queryBuffer.consumed() }
        let result = processCommand(args, from: client, whileScriptBusy: whileScriptBusy)
        client.outputBuffer.setPubSub(client.subscriptions.isActive)
        // Almost every client has replies on: its result goes out as it is, uncopied.
        if client.replyMode.passesEverything { return result }
        return client.replyMode.filter(result, args: args, honoured: client.honoursReplyMode)
    }

    private func processCommand(_ args: [ByteString], from client: SimulatorClient, whileScriptBusy: Bool) -> ExecutionResult {
        // One reading gives the command's time and the start of its duration, as Redis's call()
        // takes both from one ustime(): a clock read costs more than the rest of the checks.
        let reading = clock.reading()
        let now = reading.milliseconds
        var startedMicroseconds = reading.wallMicroseconds
        if !whileScriptBusy, now >= nextExpireSweep {
            runTimers(now: now, expiryBudget: Self.fastExpiryBudget)
            // The sweep's time is not the command's.
            startedMicroseconds = SimulatorClock.wallMicroseconds()
        }
        client.lastInteraction = now
        guard !args.isEmpty else { return .reply(.error("ERR empty command")) }

        let resolved: Unmanaged<CommandSpec>
        do {
            resolved = try resolve(args)
        } catch {
            return reject(client, error, isExec: table.lookup(args[0])?.executesQueue ?? false, spec: specForStatistics(args))
        }
        // The command table keeps every spec for the server's life: the spec is borrowed, as a
        // retain and a release of it for every command showed in profiles.
        return resolved._withUnsafeGuaranteedRef { spec in
            processResolved(
                spec, args, from: client, now: now, startedMicroseconds: startedMicroseconds, whileScriptBusy: whileScriptBusy)
        }
    }

    /// `processCommand` once the command's spec is known: the checks, then the call.
    @inline(__always)
    private func processResolved(
        _ spec: CommandSpec, _ args: [ByteString], from client: SimulatorClient, now: Int64, startedMicroseconds: Int64,
        whileScriptBusy: Bool
    ) -> ExecutionResult {
        client.lastCommandSpec = spec

        if spec.isProtected, let refusal = protectedRefusal(spec) {
            return reject(client, refusal, spec: spec)
        }
        if !spec.allowsUnauthenticated, requiresAuthentication(client) {
            return reject(client, .noAuth, spec: spec)
        }
        if client.transaction.inMulti, spec.isNoMulti {
            return reject(client, .notAllowedInsideTransaction, spec: spec)
        }
        if let denial = aclRefusal(spec, args, client: client, context: client.transaction.inMulti ? "multi" : "toplevel") {
            return reject(client, denial.error(for: spec), isExec: spec.executesQueue, spec: spec)
        }
        if client.subscriptions.isActive, client.protocolVersion == 2, !spec.runsWhileSubscribed {
            return reject(client, RedisError(
                "ERR Can't execute '\(spec.name)': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context"),
                isExec: spec.executesQueue, spec: spec)
        }
        // A function or a `#!lua` script brings its own flags, which these checks read instead
        // of the command's; while a script runs the engine is busy, and FCALL is refused anyway.
        let script = spec.runsScripts && !spec.executesQueue && !whileScriptBusy ? scripting?.declaredCommandFlags(args, spec: spec) : nil
        if !whileScriptBusy, refusesForMemory(denying: script?.deniesOOM == true || Self.isRefusedOutOfMemory(spec, from: client)) {
            return reject(client, RedisError(Self.outOfMemoryMessage), isExec: spec.executesQueue, spec: spec)
        }
        if config.commandTiming.minReplicasToWrite > 0, commandWrites(spec, script: script, client: client), lacksGoodReplicas(now: now) {
            return reject(client, RedisError(Self.noReplicasMessage), isExec: spec.executesQueue, spec: spec)
        }
        if replication.primary != nil, let refusal = replicaRefusal(spec, client: client, script: script) {
            return reject(client, refusal, isExec: spec.executesQueue, spec: spec)
        }
        if !whileScriptBusy, pause != nil, !client.isScriptClient,
           !(client.transaction.inMulti && !spec.runsInsideMulti),
           postponesForPause(spec, args, client: client, now: now) {
            return .blocked
        }
        if whileScriptBusy, !spec.allowsBusyScript {
            return reject(client, RedisError(scriptMonitor.busyText(function: scriptMonitor.runsFunction)), isExec: spec.executesQueue, spec: spec)
        }
        if client.transaction.inMulti, !spec.runsInsideMulti {
            client.transaction.queued.append((spec, args))
            if let script { client.transaction.queuedScripts.add(script) }
            return .reply(.queued)
        }
        if client.subscriptions.isActive, client.protocolVersion == 2, spec.name == "ping" {
            // RESP2 subscribed mode answers PING with a `pong` array.
            guard args.count <= 2 else { return .reply(.error(RedisError.arity("ping").message)) }
            return .reply(.array([.bulk("pong"), args.count == 2 ? .bulk(args[1]) : .bulk("")]))
        }

        if !client.extraReplies.isEmpty { client.extraReplies = [] }
        let reply = call(spec, args, client: client, now: now, startedMicroseconds: startedMicroseconds)
        let blocked = client.blocked != nil
        if !whileScriptBusy, !blocking.readyKeys.isEmpty { serveReadyKeys(now: now) }
        if blocked { return .blocked }
        if client.withholdsReply {
            client.withholdsReply = false
            return .replies([])
        }
        if let rdb = client.pendingSnapshot {
            client.pendingSnapshot = nil
            return .snapshot(header: spec.name == "psync" ? reply : nil, rdb: rdb)
        }
        if client.extraReplies.isEmpty { return .reply(reply) }
        defer { client.extraReplies = [] }
        return .replies([reply] + client.extraReplies)
    }

    /// Refuses a command before it runs; inside MULTI this also dooms EXEC (Redis's
    /// flagTransaction), and a refused EXEC ends the transaction (Redis's execCommandAbort).
    private func reject(_ client: SimulatorClient, _ error: RedisError, isExec: Bool = false, spec: CommandSpec? = nil) -> ExecutionResult {
        if isExec {
            discardTransaction(client)
            let text = error.line.bytes
            let reason = text.starts(with: "ERR ".utf8) ? text.dropFirst(4) : text[...]
            let line = RESPLine(bytes: Array("EXECABORT Transaction discarded because of: ".utf8) + reason)
            countRejection(spec, line.text)
            return .reply(.error(line))
        }
        if client.transaction.inMulti { client.transaction.aborted = true }
        countRejection(spec, error.message)
        return .reply(.error(error.line))
    }

    /// Finds the spec for a command line and checks its arity, with Redis's error texts.
    /// Inlined into its one caller, so the command resolved last, named again (what a pipeline
    /// mostly sends), is found without a call. The spec comes unretained, as the caller uses
    /// it: the command table holds every spec for the server's life.
    @inline(__always)
    func resolve(_ args: [ByteString]) throws(RedisError) -> Unmanaged<CommandSpec> {
        let parent: Unmanaged<CommandSpec>
        if let last = lastResolvedSpec, lastResolvedName == args[0] {
            parent = last
        } else {
            guard let found = table.lookup(args[0]) else { throw Self.unknownCommand(args) }
            parent = Unmanaged.passUnretained(found)
            lastResolvedName = args[0]
            lastResolvedSpec = parent
        }
        // Read borrowed; a closure passed to `_withUnsafeGuaranteedRef` cannot throw a typed
        // error, so it says which one.
        let outcome: Result<Unmanaged<CommandSpec>, RedisError> = parent._withUnsafeGuaranteedRef { parent in
            guard parent.hasSubcommands else {
                guard parent.argumentCountIsValid(args.count) else { return .failure(.arity(parent.name)) }
                return .success(Unmanaged.passUnretained(parent))
            }
            guard args.count >= 2 else {
                // COMMAND alone is a command of its own; CONFIG alone is an arity error.
                if parent.arity == -1 { return .success(Unmanaged.passUnretained(parent)) }
                return .failure(.arity(parent.name))
            }
            guard let sub = table.lookupSubcommand(of: parent, args[1]) else {
                return .failure(RedisError(
                    "ERR unknown subcommand '\(Self.truncated(args[1]))'. Try \(parent.name.uppercased()) HELP."))
            }
            guard sub.argumentCountIsValid(args.count) else { return .failure(.arity(sub.name)) }
            return .success(Unmanaged.passUnretained(sub))
        }
        return try outcome.get()
    }

    /// Runs a resolved command and turns a thrown error into its error reply. EXEC and scripts
    /// call this directly for each command they run. Its duration is measured in real
    /// microseconds, as Redis's ustime() measures it, from `startedMicroseconds` when the caller
    /// has read the clock already.
    func call(
        _ spec: CommandSpec, _ args: [ByteString], client: SimulatorClient, now: Int64, startedMicroseconds: Int64? = nil
    ) -> RESPValue {
        let context = CommandContext(
            server: self, client: client, args: args, db: databases[client.databaseIndex], now: now,
            spec: spec)
        // A slot hint lasts one command: a write of a key the command never read skips the check.
        context.db.recentSlot = -1
        stats.commandsProcessed += 1
        defer {
            if tracking.clientCount > 0, spec.flags.contains("readonly"), !Self.untrackedReaders.contains(spec.name) {
                if let caller = client.scriptCaller {
                    trackingRememberKeys(caller.client, caller.line)
                } else {
                    trackingRememberKeys(client, args)
                }
            }
        }
        // Nested commands (EXEC's, a script's) count and propagate on their own; the outer
        // command's flags are put back for it when they end.
        let outerChanged = persistence.changedDuringCommand
        let outerReplacement = replication.replacement
        persistence.changedDuringCommand = false
        replication.replacement = nil
        replication.depth += 1
        var failed = false
        defer {
            let changed = persistence.changedDuringCommand
            if changed { persistence.dirty += 1 }
            let replacement = replication.replacement
            persistence.changedDuringCommand = outerChanged || changed
            replication.replacement = outerReplacement
            replication.depth -= 1
            // Without replicas, or anything queued for them, there is nothing to propagate.
            if !replication.replicas.isEmpty || (replication.depth == 0 && !replication.pending.isEmpty) {
                commandEnded(spec, args, database: context.db.index, changed: changed, failed: failed, replacement: replacement)
            }
        }
        let started = startedMicroseconds ?? SimulatorClock.wallMicroseconds()
        let reply: RESPValue
        do {
            reply = try spec.handler(context)
        } catch let error as RedisError {
            reply = .error(error.line)
        } catch {
            reply = .error("ERR \(error)")
        }
        // The error's line, read once: passing the whole reply on cost a copy and a destroy.
        let errorLine: RESPLine?
        if case .error(let line) = reply {
            errorLine = line
            failed = true
        } else {
            errorLine = nil
        }
        let errorCounted = client.replyErrorCounted
        client.replyErrorCounted = false
        // Real time may step back (NTP): a duration is never negative.
        let nanoseconds = max(0, SimulatorClock.wallMicroseconds() - started) * 1000
        observeCall(spec, args, client: client, now: now, nanoseconds: nanoseconds)
        // One measurement feeds the slow log, latency events and commandstats alike.
        countCall(spec, microseconds: nanoseconds / 1000, error: errorLine, errorCounted: errorCounted)
        return reply
    }

    /// Runs the timers: the expiry sweep, and (through the blocking subsystem) timeouts.
    func runTimers(now: Int64, expiryBudget: Int64? = nil) {
        if let pause, now >= pause.end { endPause() }
        runClientsCron(now: now)
        sweepExpiredKeys(now: now, budget: expiryBudget)
        pingReplicasIfDue(now: now)
        expireBlockedClients(now: now)
        serveReadyKeys(now: now)
        // During a command, its end broadcasts (after the reply); between commands, the timer does.
        if tracking.clientCount > 0, currentClient == nil {
            trackingLimitUsedSlots()
            trackingBroadcast()
        }
    }

    /// Read-only commands whose own keys are not tracked: a read-only script tracks through
    /// the commands it runs instead (Redis's call()).
    static let untrackedReaders: Set<String> = ["eval_ro", "evalsha_ro", "fcall_ro"]

    /// Redis's text for an unknown command: the name, then the arguments until the list passes
    /// 128 bytes (each cut to what is left of those 128), each as C prints it (up to a NUL).
    static func unknownCommand(_ args: [ByteString]) -> RedisError {
        var listed: [UInt8] = []
        for arg in args.dropFirst() where listed.count < 128 {
            listed += [UInt8(ascii: "'")] + arg.errorText(limit: 128 - listed.count).bytes + Array("' ".utf8)
        }
        return RedisError("ERR unknown command '\(truncated(args[0]))', with args beginning with: \(ErrorText(bytes: listed))")
    }

    /// Redis prints at most 128 bytes of a user-supplied name in error messages, up to a NUL.
    static func truncated(_ value: ByteString) -> ErrorText {
        value.errorText(limit: 128)
    }
}
