import RESP

/// Clients blocked on keys (BLPOP, XREAD BLOCK, …), served in arrival order.
struct BlockingRegistry {
    /// Blocked clients per (db, key), oldest first.
    var waiting: [WatchRegistry.WatchedKey: [SimulatorClient]] = [:]
    /// Keys written since the last serving pass that some client waits on, in signal order
    /// (Redis's server.ready_keys).
    var readyKeys: [WatchRegistry.WatchedKey] = []
    var readySet: Set<WatchRegistry.WatchedKey> = []
    /// How many clients are blocked, on keys or not (WAIT waits on none).
    var blockedCount = 0
}

/// Tries again to serve a blocked command once `key` was written: returns the reply, or nil to
/// stay blocked.
typealias BlockedRetry = (CommandContext, ByteString) throws(RedisError) -> RESPValue?

/// What a blocked client waits for.
struct BlockedState {
    var keys: [ByteString]
    var db: Int
    /// Unix ms at which it times out; nil blocks forever.
    var deadline: Int64?
    /// The reply sent when the timeout passes (a null array, or a null bulk string for BLMOVE).
    var timeoutReply: RESPValue
    /// The blocked command's spec (what the retry's context reports).
    var spec: CommandSpec
    /// Serves the command with the arguments it had when it blocked (`$` already resolved).
    var retry: BlockedRetry
    /// The command line as sent: the slow log records it once the command is served.
    var args: [ByteString] = []
}

extension SimulatorClient {
    /// True when a blocking command must answer at once instead of blocking: inside MULTI/EXEC
    /// and inside scripts (Redis's CLIENT_DENY_BLOCKING).
    var deniesBlocking: Bool { transaction.inMulti || transaction.executing || isScriptClient }
}

extension CommandContext {
    /// Blocks the client on `keys` until one of them can serve `retry`, or `timeout` (ms, 0 is
    /// forever) passes. Inside MULTI or a script it answers `immediateReply` (by default the
    /// timeout reply) at once, as Redis does.
    func block(
        on keys: [ByteString], timeoutMilliseconds timeout: Int64, timeoutReply: RESPValue,
        immediateReply: RESPValue? = nil, retry: @escaping BlockedRetry
    ) -> RESPValue {
        if client.deniesBlocking { return immediateReply ?? timeoutReply }
        server.block(
            client,
            BlockedState(
                keys: keys, db: db.index, deadline: Self.deadline(now: now, timeout: timeout),
                timeoutReply: timeoutReply, spec: spec, retry: retry, args: args))
        return timeoutReply
    }

    /// When a block of `timeout` ms started at `now` ends; nil for never. Redis adds the two
    /// without a check, and a sum past Int64 leaves its client blocked for good, so it is nil here.
    static func deadline(now: Int64, timeout: Int64) -> Int64? {
        guard timeout > 0 else { return nil }
        let (sum, overflow) = now.addingReportingOverflow(timeout)
        return overflow ? nil : sum
    }
}

extension ServerState {
    func block(_ client: SimulatorClient, _ state: BlockedState) {
        if client.blocked == nil { blocking.blockedCount += 1 }
        client.blocked = state
        var seen: Set<ByteString> = []
        for key in state.keys where seen.insert(key).inserted {
            blocking.waiting[WatchRegistry.WatchedKey(db: state.db, key: key), default: []].append(client)
        }
    }

    /// Notes that `key` changed, so clients blocked on it get a chance to be served after the
    /// current command (Redis's signalKeyAsReady).
    func signalKeyAsReady(_ key: ByteString, in db: Int) {
        guard !blocking.waiting.isEmpty else { return }
        let watched = WatchRegistry.WatchedKey(db: db, key: key)
        guard blocking.waiting[watched] != nil, blocking.readySet.insert(watched).inserted else { return }
        blocking.readyKeys.append(watched)
    }

    /// Serves clients blocked on keys written by the last command, oldest first, until no key is
    /// ready any more (Redis's handleClientsBlockedOnKeys). Served replies go to each client's
    /// `deferredReplyHandler`.
    func serveReadyKeys(now: Int64) {
        while !blocking.readyKeys.isEmpty {
            let ready = blocking.readyKeys
            blocking.readyKeys = []
            blocking.readySet = []
            for watched in ready {
                for client in blocking.waiting[watched] ?? [] {
                    guard let state = client.blocked else { continue }
                    let context = CommandContext(
                        server: self, client: client, args: [], db: databases[state.db], now: now,
                        spec: state.spec)
                    runAsCurrentClient(client) {
                        let reply: RESPValue?
                        do throws(RedisError) {
                            reply = try state.retry(context, watched.key)
                        } catch {
                            reply = .error(error.line)
                        }
                        servedBlockedCommand(database: state.db)
                        guard let reply else { return }
                        unblock(client)
                        observeServedBlockedCommand(state.spec, state.args, client: client, now: now)
                        countDeferredReply(state.spec, reply)
                        client.answerDeferred(reply)
                    }
                }
            }
        }
    }

    /// Takes `client` off every key it is blocked on, without replying.
    func unblock(_ client: SimulatorClient) {
        guard let blocked = client.blocked else { return }
        for key in blocked.keys {
            let watched = WatchRegistry.WatchedKey(db: blocked.db, key: key)
            blocking.waiting[watched]?.removeAll { $0 === client }
            if blocking.waiting[watched]?.isEmpty == true { blocking.waiting[watched] = nil }
        }
        client.blocked = nil
        blocking.blockedCount -= 1
    }

    /// Times out blocked clients whose deadline has passed, with their command's timeout reply.
    func expireBlockedClients(now: Int64) {
        guard blocking.blockedCount > 0 else { return }
        let due = clients.values
            .filter { ($0.blocked?.deadline).map { $0 <= now } ?? false }
            .sorted { $0.id < $1.id }
        for client in due {
            guard let state = client.blocked else { continue }
            let reply = state.timeoutReply
            unblock(client)
            observeServedBlockedCommand(state.spec, state.args, client: client, now: now)
            client.answerDeferred(reply)
        }
    }
}
