import RESP

/// Following a primary (Redis's replicationSetMaster, replicationUnsetMaster and the replica's
/// side of the link). The server's transport opens the connection and reports each step; the
/// state here decides what the replica answers meanwhile (ROLE, INFO, READONLY, MASTERDOWN).
extension ServerState {
    static let readOnlyReplicaMessage = "READONLY You can't write against a read only replica."
    static let primaryDownMessage = "MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'."

    /// Starts following `host:port`: the dataset stays until the primary's snapshot replaces
    /// it, blocked clients are released with Redis's UNBLOCKED error, and nothing propagates
    /// to this server's own replicas any more.
    func follow(host: String, port: Int64) {
        dropPrimaryClient()
        let cachedApplied = replication.primary?.appliedOffset, cachedRead = replication.primary?.readOffset
        let downSince = replication.primary?.downSince
        unblockAllForRoleChange()
        replication.lastLinkGeneration += 1
        var link = PrimaryLink(host: host, port: port, generation: replication.lastLinkGeneration)
        link.appliedOffset = cachedApplied
        link.readOffset = cachedRead
        link.downSince = downSince
        replication.primary = link
        replication.pending = []
    }

    /// REPLICAOF NO ONE: keeps the dataset, closes the link, and starts a new replication
    /// history whose previous id is the one followed until now (Redis's shiftReplicationId).
    func stopFollowing() {
        guard replication.primary != nil else { return }
        dropPrimaryClient()
        replication.primary = nil
        replication.lastLinkGeneration += 1
        replication.previousID = replication.id
        replication.previousIDValidUntil = replication.offset + 1
        replication.id = Self.newReplicationID()
        replication.streamDatabase = -1
    }

    /// A fresh random 40-hex-digit replication id.
    static func newReplicationID() -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<40).map { _ in "0123456789abcdef".randomElement(using: &generator)! })
    }

    /// True when `client` is the primary's link, whose commands a replica always runs.
    func isPrimaryClient(_ client: SimulatorClient) -> Bool {
        guard let primaryClient = replication.primary?.primaryClient else { return false }
        return primaryClient === client
    }

    /// True when `client` may not write here: this server is a read-only replica and `client`
    /// is not its primary's link.
    func refusesWritesAsReplica(for client: SimulatorClient) -> Bool {
        replication.primary != nil && config.values["replica-read-only"] != "no" && !isPrimaryClient(client)
    }

    /// Whether a command writes as Redis's processCommand judges it: by its own flag, by what a
    /// called function or script declared, or, for EXEC, by any command or script it queued.
    func commandWrites(_ spec: CommandSpec, script: ScriptCommandFlags?, client: SimulatorClient) -> Bool {
        spec.isWrite || script?.isWrite == true
            || (spec.executesQueue && (client.transaction.queuedScripts.write || client.transaction.queued.contains { $0.0.isWrite }))
    }

    /// READONLY and MASTERDOWN, checked where Redis's processCommand checks them; `script` is
    /// what the called function or script declared, which replaces the command's flags.
    func replicaRefusal(_ spec: CommandSpec, client: SimulatorClient, script: ScriptCommandFlags? = nil) -> RedisError? {
        guard let link = replication.primary, !isPrimaryClient(client) else { return nil }
        let queued = client.transaction.queued
        let isExec = spec.executesQueue
        let scripts = client.transaction.queuedScripts
        if refusesWritesAsReplica(for: client), commandWrites(spec, script: script, client: client) {
            return RedisError(Self.readOnlyReplicaMessage)
        }
        let deniedWhileStale = !(script?.allowsStale ?? spec.flags.contains("stale"))
            || (isExec && (scripts.deniesStale || queued.contains { !$0.0.flags.contains("stale") }))
        if link.phase != .connected, config.values["replica-serve-stale-data"] == "no", deniedWhileStale {
            return RedisError(Self.primaryDownMessage)
        }
        return nil
    }

    /// Blocked clients cannot wait for keys a primary now owns (Redis's disconnectAllBlockedClients).
    private func unblockAllForRoleChange() {
        for client in clients.values {
            guard let state = client.blocked, !isPrimaryClient(client) else { continue }
            unblock(client)
            let reply = RESPValue.error("UNBLOCKED force unblock from blocking operation, instance state changed (master -> replica?)")
            countDeferredReply(state.spec, reply)
            client.answerDeferred(reply)
        }
        replication.waiters = []
    }

    /// Forgets the primary's client, keeping its offsets as Redis keeps a cached master's.
    private func dropPrimaryClient() {
        guard let client = replication.primary?.primaryClient else { return }
        replication.primary?.primaryClient = nil
        removeClient(client)
    }

    /// The link to open now, if this server follows a primary and the last attempt is old enough.
    func linkToOpen(now: Int64) -> ReplicaLinkTarget? {
        guard var link = replication.primary, link.phase == .connect, now >= link.nextAttempt else { return nil }
        link.phase = .connecting
        link.nextAttempt = now + 1000
        replication.primary = link
        let timeout = config.values["repl-timeout"].flatMap { Int64($0) } ?? 60
        return ReplicaLinkTarget(
            host: link.host, port: Int(link.port), generation: link.generation,
            listeningPort: Int(config.integer("port")),
            timeoutSeconds: timeout, authentication: primaryAuthentication)
    }

    /// AUTH [masteruser] masterauth, as Redis's replica sends it; nil without masterauth.
    private var primaryAuthentication: [String]? {
        guard let password = config.values["masterauth"], !password.isEmpty else { return nil }
        guard let user = config.values["masteruser"], !user.isEmpty else { return ["AUTH", password] }
        return ["AUTH", user, password]
    }

    /// The current link, when `generation` is still its generation.
    func currentLink(_ generation: Int64) -> PrimaryLink? {
        guard let link = replication.primary, link.generation == generation else { return nil }
        return link
    }

    /// Moves the link to `phase`; false when the connection is stale and must close.
    func linkReached(_ phase: PrimaryLink.Phase, generation: Int64, now: Int64, transferSize: Int64 = -1) -> Bool {
        guard currentLink(generation) != nil else { return false }
        replication.primary?.phase = phase
        replication.primary?.lastIO = now
        if phase == .sync {
            replication.primary?.transferSize = transferSize
            replication.primary?.transferRead = 0
        }
        return true
    }

    /// Loads the primary's snapshot and opens the stream at `offset`: the primary's
    /// replication id becomes this server's, and this server's own replicas are dropped so
    /// they resynchronise with the new history (Redis's replicationAttachToNewMaster).
    func linkLoaded(
        _ rdb: [UInt8], replicationID: String, offset: Int64, generation: Int64, now: Int64
    ) throws(RDBFileError) -> Bool {
        guard currentLink(generation) != nil else { return false }
        try loadSnapshot(rdb, source: "the primary's snapshot", now: now, skipExpired: false)
        for replica in replication.replicas.values { killClient(replica.client) }
        let client = connectClient()
        client.user = nil
        client.isAuthenticated = true
        client.address = "\(replication.primary?.host ?? ""):\(replication.primary?.port ?? 0)"
        replication.primary?.primaryClient = client
        replication.primary?.phase = .connected
        replication.primary?.appliedOffset = offset
        replication.primary?.readOffset = offset
        replication.primary?.downSince = nil
        replication.primary?.lastIO = now
        replication.id = replicationID
        replication.offset = offset
        replication.previousID = String(repeating: "0", count: 40)
        replication.previousIDValidUntil = -1
        return true
    }

    /// Notes that the link of `generation` closed: the replica goes back to trying to connect.
    func linkDropped(generation: Int64, now: Int64) {
        guard let link = currentLink(generation) else { return }
        let wasUp = link.phase == .connected
        dropPrimaryClient()
        replication.lastLinkGeneration += 1
        let next = replication.lastLinkGeneration
        replication.primary?.generation = next
        replication.primary?.phase = .connect
        if wasUp { replication.primary?.downSince = now }
    }

    /// Runs commands the primary sent, each with the bytes it took in the stream: REPLCONF
    /// GETACK is answered with the offset applied before it, everything else runs as the
    /// primary's client, whose replies go nowhere. Returns how many ran and the ACK offsets
    /// to send back, or nil when the link is stale.
    func applyFromPrimary(
        _ commands: ArraySlice<ReplicatedCommand>, generation: Int64, now: Int64
    ) -> [Int64]? {
        guard let link = currentLink(generation), let client = link.primaryClient, link.phase == .connected else { return nil }
        var acks: [Int64] = []
        for command in commands {
            let offset = replication.primary?.appliedOffset ?? 0
            if command.arguments.count >= 2, command.arguments[0].equalsIgnoringCase("replconf"),
               command.arguments[1].equalsIgnoringCase("getack") {
                acks.append(offset)
            } else {
                _ = process(command.arguments, from: client)
                // A command never blocks the primary's client: a blocking command arrives as
                // its non-blocking effect.
                if client.blocked != nil { unblock(client) }
            }
            let next = offset + Int64(command.byteCount)
            replication.primary?.appliedOffset = next
            replication.primary?.readOffset = next
            replication.offset = next
        }
        replication.primary?.lastIO = now
        return acks
    }
}

/// One command read from the primary's stream and the bytes it took there.
public struct ReplicatedCommand: Sendable {
    public let arguments: [ByteString]
    public let byteCount: Int

    public init(arguments: [ByteString], byteCount: Int) {
        self.arguments = arguments
        self.byteCount = byteCount
    }
}
