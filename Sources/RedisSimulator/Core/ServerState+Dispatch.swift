import RESP

extension ServerState {
    /// Checks and runs one command from a client, as Redis's processCommand does: lookup, arity,
    /// subscribed-mode and MULTI rules, then the call.
    func process(_ args: [ByteString], from client: SimulatorClient) -> ExecutionResult {
        let now = clock.nowMilliseconds()
        if now >= nextExpireSweep { runTimers(now: now) }
        client.lastInteraction = now
        guard let name = args.first else { return .reply(.error("ERR empty command")) }

        let spec: CommandSpec
        switch resolve(args) {
        case .success(let found): spec = found
        case .failure(let error):
            if client.transaction.inMulti { client.transaction.aborted = true }
            return .reply(.error(error.message))
        }
        client.lastCommand = spec.name

        if !client.isAuthenticated, !spec.flags.contains("no_auth") {
            if client.transaction.inMulti { client.transaction.aborted = true }
            return .reply(.error("NOAUTH Authentication required."))
        }

        if client.subscriptions.count > 0, !Self.allowedWhileSubscribed.contains(spec.name) {
            return .reply(.error(
                "ERR Can't execute '\(spec.name)': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context"))
        }
        if client.transaction.inMulti, !Self.runsInsideMulti.contains(spec.name) {
            client.transaction.queued.append(args)
            return .reply(.queued)
        }
        _ = name
        let reply = call(spec, args, client: client, now: now)
        if client.blocked != nil { return .blocked }
        return .reply(reply)
    }

    /// Finds the spec for a command line and checks its arity, with Redis's error texts.
    func resolve(_ args: [ByteString]) -> Result<CommandSpec, RedisError> {
        guard let parent = table.lookup(args[0]) else {
            return .failure(Self.unknownCommand(args))
        }
        var spec = parent
        if !parent.subcommands.isEmpty {
            guard args.count >= 2 else {
                // COMMAND alone is a command of its own; CONFIG alone is an arity error.
                return parent.arity == -1 ? .success(parent) : .failure(.arity(parent.name))
            }
            guard let sub = table.lookupSubcommand(of: parent, args[1]) else {
                return .failure(RedisError(
                    "ERR unknown subcommand '\(Self.truncated(args[1]))'. Try \(parent.name.uppercased()) HELP."))
            }
            spec = sub
        }
        guard spec.argumentCountIsValid(args.count) else { return .failure(.arity(spec.name)) }
        return .success(spec)
    }

    /// Runs a resolved command and turns a thrown error into its error reply. EXEC and scripts
    /// call this directly for each command they run.
    func call(_ spec: CommandSpec, _ args: [ByteString], client: SimulatorClient, now: Int64) -> RESPValue {
        let context = CommandContext(
            server: self, client: client, args: args, db: databases[client.databaseIndex], now: now,
            spec: spec)
        stats.commandsProcessed += 1
        do {
            return try spec.handler(context)
        } catch let error as RedisError {
            return .error(error.message)
        } catch {
            return .error("ERR \(error)")
        }
    }

    /// Runs the timers: the expiry sweep, and (through the blocking subsystem) timeouts.
    func runTimers(now: Int64) {
        sweepExpiredKeys(now: now)
        expireBlockedClients(now: now)
    }

    func removeClient(_ client: SimulatorClient) {
        client.isClosed = true
        unsubscribeAll(client)
        unblock(client)
        unwatchAll(client)
        clients[client.id] = nil
    }

    /// Commands a subscribed RESP2 client may still run.
    static let allowedWhileSubscribed: Set<String> = [
        "subscribe", "ssubscribe", "psubscribe", "unsubscribe", "sunsubscribe", "punsubscribe",
        "ping", "quit", "reset",
    ]

    /// Commands that run at once inside MULTI instead of being queued.
    static let runsInsideMulti: Set<String> = ["exec", "discard", "multi", "watch", "quit", "reset"]

    static func unknownCommand(_ args: [ByteString]) -> RedisError {
        var text = "ERR unknown command '\(truncated(args[0]))', with args beginning with: "
        for arg in args.dropFirst() { text += "'\(truncated(arg))' " }
        return RedisError(text)
    }

    /// Redis prints at most 128 bytes of a user-supplied name in error messages.
    static func truncated(_ value: ByteString) -> String {
        String(decoding: value.bytes.prefix(128), as: UTF8.self)
    }
}
