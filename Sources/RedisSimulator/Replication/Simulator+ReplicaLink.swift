/// What a server's transport calls to run a replica's link to its primary. Every call is safe
/// on an event loop: none waits for a running script; each answers `.busy` instead, and the
/// caller tries again a little later.
extension Simulator {
    /// The outcome of a link call.
    public enum LinkAnswer<Value: Sendable>: Sendable {
        case done(Value)
        /// A running script holds the simulator: try again later.
        case busy
    }

    /// The link the server should open now, if this simulator follows a primary and its
    /// once-a-second retry is due; the link is then counted as `connecting`.
    public func replicaLinkToOpen() -> ReplicaLinkTarget? {
        guard case .done(let target) = withLinkLock({ $0.linkToOpen(now: $0.clock.nowMilliseconds()) })
        else { return nil }
        return target
    }

    /// Reports that the link of `generation` is handshaking (`.handshake`) or receiving the
    /// snapshot (`.sync`, with its size when announced); false when the link is stale and must close.
    public func replicaLinkReached(_ phase: ReplicaLinkPhase, generation: Int64, transferSize: Int64 = -1) -> LinkAnswer<Bool> {
        withLinkLock { state in
            state.linkReached(phase == .handshake ? .handshake : .sync, generation: generation, now: state.clock.nowMilliseconds(),
                              transferSize: transferSize)
        }
    }

    /// Counts snapshot bytes read so far, for INFO's master_sync_* fields.
    public func replicaLinkTransferred(_ bytes: Int64, generation: Int64) {
        _ = withLinkLock { state in
            guard state.currentLink(generation) != nil else { return }
            state.replication.primary?.transferRead = bytes
            state.replication.primary?.lastIO = state.clock.nowMilliseconds()
        }
    }

    /// Loads the primary's snapshot and starts applying its stream from `offset`. Returns
    /// false when the link is stale; throws when the snapshot cannot be read.
    public func replicaLinkLoaded(
        _ rdb: [UInt8], replicationID: String, offset: Int64, generation: Int64
    ) -> LinkAnswer<Result<Bool, RDBFileError>> {
        withLinkLock { state in
            Result { () throws(RDBFileError) in
                try state.linkLoaded(rdb, replicationID: replicationID, offset: offset, generation: generation,
                                     now: state.clock.nowMilliseconds())
            }
        }
    }

    /// Applies commands from the primary's stream; returns the offsets to acknowledge (one per
    /// REPLCONF GETACK), or nil when the link is stale and must close.
    public func replicaLinkApply(_ commands: ArraySlice<ReplicatedCommand>, generation: Int64) -> LinkAnswer<[Int64]?> {
        withLinkLock { state in state.applyFromPrimary(commands, generation: generation, now: state.clock.nowMilliseconds()) }
    }

    /// The offset to send in the periodic REPLCONF ACK, nil when the link is stale or not up.
    public func replicaLinkOffset(generation: Int64) -> LinkAnswer<Int64?> {
        withLinkLock { state in
            guard let link = state.currentLink(generation), link.phase == .connected else { return nil }
            return link.appliedOffset
        }
    }

    /// Unix ms of the last byte the link of `generation` read, nil when stale.
    public func replicaLinkLastIO(generation: Int64) -> LinkAnswer<Int64?> {
        withLinkLock { state in state.currentLink(generation)?.lastIO }
    }

    /// Reports that the link of `generation` closed or failed: the replica tries again.
    public func replicaLinkDropped(generation: Int64) -> LinkAnswer<Void> {
        withLinkLock { state in state.linkDropped(generation: generation, now: state.clock.nowMilliseconds()) }
    }

    /// Makes this simulator follow `host:port`, as REPLICAOF does (for `serve --replicaof`).
    public func follow(host: String, port: Int) {
        withLock { state in state.follow(host: host, port: Int64(port)) }
    }

    private func withLinkLock<T: Sendable>(_ body: (ServerState) -> T) -> LinkAnswer<T> {
        var attempt = 0
        while true {
            if let value = mutex.withLockIfAvailable({ _ in body(state) }) { return .done(value) }
            if state.scriptMonitor.isRunning { return .busy }
            ScriptMonitor.backOff(attempt)
            attempt += 1
        }
    }
}

/// The link phases a transport reports.
public enum ReplicaLinkPhase: Sendable {
    case handshake
    case sync
}
