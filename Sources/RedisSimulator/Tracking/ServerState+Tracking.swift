import RESP

/// Client-side caching (Redis's tracking.c): remembering what tracking clients read, and
/// telling them when it changes.
extension ServerState {
    /// The channel RESP2 clients receive invalidations on, through a redirect client.
    static let invalidationChannel: ByteString = "__redis__:invalidate"

    /// Turns tracking on for `client` (CLIENT TRACKING ON, already validated).
    func enableTracking(
        _ client: SimulatorClient, redirect: Int64, broadcast: Bool, optIn: Bool, optOut: Bool, noLoop: Bool,
        prefixes: [ByteString]
    ) {
        if !client.tracking.enabled { tracking.clientCount += 1 }
        client.tracking.enabled = true
        client.tracking.brokenRedirect = false
        client.tracking.redirect = redirect
        client.tracking.broadcast = broadcast
        client.tracking.optIn = optIn
        client.tracking.optOut = optOut
        client.tracking.noLoop = noLoop
        guard broadcast else { return }
        for prefix in prefixes.isEmpty ? [ByteString([])] : prefixes {
            if tracking.prefixes[prefix, default: .init()].clients.insert(client.id).inserted {
                client.tracking.prefixes.append(prefix)
            }
        }
        client.tracking.prefixes.sort()
    }

    /// Turns tracking off (CLIENT TRACKING OFF, RESET, disconnect); the keys it read stay in
    /// the table until they change, as in Redis.
    func disableTracking(_ client: SimulatorClient) {
        for prefix in client.tracking.prefixes {
            tracking.prefixes[prefix]?.clients.remove(client.id)
            if tracking.prefixes[prefix]?.clients.isEmpty == true { tracking.prefixes[prefix] = nil }
        }
        if client.tracking.enabled { tracking.clientCount -= 1 }
        client.tracking = ClientTrackingState()
    }

    /// After a read-only command: remembers the keys of `line` for `client` (the script's caller
    /// for commands a script runs), honouring OPTIN/OPTOUT (Redis's trackingRememberKeys).
    func trackingRememberKeys(_ client: SimulatorClient, _ line: [ByteString]) {
        let state = client.tracking
        guard state.enabled, !state.broadcast else { return }
        if (state.optIn && !state.cachingGiven) || (state.optOut && state.cachingGiven) { return }
        guard let spec = table.lookup(line[0]), !spec.flags.contains("pubsub") else { return }
        for key in CommandTable.trackedKeys(spec, line) {
            if tracking.keys[key, default: []].insert(client.id).inserted { tracking.totalItems += 1 }
        }
    }

    /// `key` changed: clients that read it are told once and forgotten; broadcasting clients
    /// following a matching prefix hear of it after the command (Redis's trackingInvalidateKey).
    @inline(__always)
    func trackingInvalidateKey(_ key: ByteString, by modifier: @autoclosure () -> SimulatorClient?, broadcast: Bool = true) {
        // Asked in the caller: without tracking clients or remembered keys there is no one to tell.
        guard tracking.clientCount > 0 || !tracking.keys.isEmpty else { return }
        trackingInvalidateTrackedKey(key, by: modifier(), broadcast: broadcast)
    }

    private func trackingInvalidateTrackedKey(_ key: ByteString, by modifier: SimulatorClient?, broadcast: Bool) {
        if broadcast {
            for prefix in tracking.prefixes.keys where key.bytes.starts(with: prefix.bytes) {
                tracking.prefixes[prefix]?.changed[key] = modifier?.id ?? 0
            }
        }
        guard let ids = tracking.keys.removeValue(forKey: key) else { return }
        tracking.totalItems -= ids.count
        for id in ids.sorted() {
            guard let target = clients[id], target.tracking.enabled, !target.tracking.broadcast else { continue }
            if target.tracking.noLoop, target === modifier { continue }
            if target === currentClient {
                tracking.pendingForCurrent.append(key)
            } else {
                sendTrackingMessage(target, .array([.bulk(key)]))
            }
        }
    }

    /// FLUSHDB, FLUSHALL and SWAPDB: every tracking client is told to drop everything (a null
    /// invalidation) and the table is emptied (Redis's trackingInvalidateKeysOnFlush).
    func trackingInvalidateOnFlush() {
        if tracking.clientCount > 0 {
            for client in clients.values.sorted(by: { $0.id < $1.id }) where client.tracking.enabled {
                if client === currentClient {
                    tracking.pendingForCurrent.append(nil)
                } else {
                    sendTrackingMessage(client, .nullBulkString)
                }
            }
        }
        tracking.keys = [:]
        tracking.totalItems = 0
    }

    /// Keeps the tracking table within `tracking-table-max-keys` by forgetting random keys,
    /// whose readers are told to drop them (Redis's trackingLimitUsedSlots).
    func trackingLimitUsedSlots() {
        guard let limit = config.values["tracking-table-max-keys"].flatMap({ Int($0) }), limit > 0,
            tracking.keys.count > limit else { return }
        let saved = currentClient
        currentClient = nil
        while tracking.keys.count > limit, let key = tracking.keys.keys.randomElement() {
            trackingInvalidateKey(key, by: nil, broadcast: false)
        }
        currentClient = saved
    }

    /// Sends the invalidations held back for `client` during its command and the broadcasts of
    /// keys changed meanwhile; returns what goes to `client` itself, to follow its reply.
    func trackingAfterCommand(_ client: SimulatorClient) -> [RESPValue] {
        trackingPendingMessages(client) + trackingBroadcast(current: client)
    }

    /// Sends the invalidations held back for `client`; returns those that go to `client` itself.
    func trackingPendingMessages(_ client: SimulatorClient) -> [RESPValue] {
        var own: [RESPValue] = []
        let pending = tracking.pendingForCurrent
        tracking.pendingForCurrent = []
        for key in pending {
            if let message = trackingMessage(client, key.map { .array([.bulk($0)]) } ?? .nullBulkString) {
                if message.0 === client { own.append(message.1) } else { message.0.push(message.1) }
            }
        }
        return own
    }

    /// Runs `body` (serving a blocked client) as `client`'s command: invalidations it causes
    /// for `client` follow the reply `body` sends, as when Redis serves a blocked client.
    func runAsCurrentClient(_ client: SimulatorClient, _ body: () -> Void) {
        let outer = (currentClient, tracking.pendingForCurrent)
        currentClient = client
        tracking.pendingForCurrent = []
        body()
        for message in trackingPendingMessages(client) { client.push(message) }
        (currentClient, tracking.pendingForCurrent) = outer
    }

    /// Sends every prefix's changed keys to its broadcasting clients (NOLOOP ones without the
    /// keys they changed themselves); returns the messages for `current`.
    @discardableResult
    func trackingBroadcast(current: SimulatorClient? = nil) -> [RESPValue] {
        var own: [RESPValue] = []
        for prefix in tracking.prefixes.keys.sorted() {
            guard let state = tracking.prefixes[prefix], !state.changed.isEmpty else { continue }
            tracking.prefixes[prefix]?.changed = [:]
            let changed = state.changed.sorted { $0.key < $1.key }
            for id in state.clients.sorted() {
                guard let client = clients[id] else { continue }
                let keys = changed.filter { !client.tracking.noLoop || $0.value != client.id }.map { RESPValue.bulk($0.key) }
                if keys.isEmpty { continue }
                guard let message = trackingMessage(client, .array(keys)) else { continue }
                if message.0 === current { own.append(message.1) } else { message.0.push(message.1) }
            }
        }
        return own
    }

    private func sendTrackingMessage(_ client: SimulatorClient, _ payload: RESPValue) {
        if let message = trackingMessage(client, payload) { message.0.push(message.1) }
    }

    /// Where an invalidation for `client` goes and what it says (Redis's sendTrackingMessage):
    /// a RESP3 `invalidate` push, or a `__redis__:invalidate` message to a RESP2 redirect
    /// client in Pub/Sub mode; nil when nobody can receive it.
    private func trackingMessage(_ client: SimulatorClient, _ payload: RESPValue) -> (SimulatorClient, RESPValue)? {
        var target = client
        var redirected = false
        if client.tracking.redirect != 0 {
            guard let redirect = clients[client.tracking.redirect] else {
                client.tracking.brokenRedirect = true
                guard client.protocolVersion > 2 else { return nil }
                return (client, .push([.bulk("tracking-redir-broken"), .integer(client.tracking.redirect)]))
            }
            target = redirect
            redirected = true
        }
        if target.protocolVersion > 2 { return (target, .push([.bulk("invalidate"), payload])) }
        guard redirected, target.subscriptions.isActive else { return nil }
        return (target, .push([.bulk("message"), .bulk(Self.invalidationChannel), payload]))
    }
}

extension CommandTable {
    /// The keys a read-only command reads, for tracking (Redis's getKeysFromCommand), found by
    /// the one key finder COMMAND GETKEYS and ACL use.
    static func trackedKeys(_ spec: CommandSpec, _ line: [ByteString]) -> [ByteString] {
        var spec = spec
        if !spec.subcommands.isEmpty, line.count >= 2,
            let sub = spec.subcommands.first(where: { $0.name.hasSuffix("|" + line[1].string.lowercased()) }) {
            spec = sub
        }
        return (spec.keyReferences(line) ?? []).compactMap { $0.index < line.count ? line[$0.index] : nil }
    }
}
