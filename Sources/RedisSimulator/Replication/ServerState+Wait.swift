import RESP

/// WAIT's bookkeeping: clients waiting until enough replicas acknowledge an offset. Each ACK
/// updates their count (the reply a timeout then sends) and wakes those now satisfied.
extension ServerState {
    /// How many replicas have acknowledged at least `offset`.
    func replicasAcknowledging(_ offset: Int64) -> Int64 {
        Int64(replication.replicas.values.filter { $0.acknowledgedOffset >= offset }.count)
    }

    /// Asks every replica for its offset now (REPLCONF GETACK *), as WAIT does before it blocks.
    func requestAcknowledgements() {
        guard !replication.replicas.isEmpty else { return }
        propagate([ByteString("REPLCONF"), ByteString("GETACK"), ByteString("*")], database: -1)
        if replication.depth <= 1 { flushPropagation() }
    }

    /// Records a replica's ACK and answers the WAITs it satisfies.
    func acknowledge(_ client: SimulatorClient, offset: Int64) {
        guard var replica = replication.replicas[client.id] else { return }
        replica.acknowledgedOffset = max(replica.acknowledgedOffset, offset)
        replica.acknowledgedAt = clock.nowMilliseconds()
        replication.replicas[client.id] = replica
        // Taken out while they are answered: answering touches the rest of the state.
        let waiters = replication.waiters
        replication.waiters = waiters.filter { waiter in
            guard let waiting = waiter.client, waiting.blocked != nil else { return false }
            let count = replicasAcknowledging(waiter.offset)
            waiting.blocked?.timeoutReply = .integer(count)
            guard count >= waiter.needed else { return true }
            unblock(waiting)
            waiting.deferredReplyHandler?(.integer(count))
            return false
        }
    }
}

/// A client blocked in WAIT.
struct ReplicaWaiter {
    weak var client: SimulatorClient?
    let offset: Int64
    let needed: Int64
}
