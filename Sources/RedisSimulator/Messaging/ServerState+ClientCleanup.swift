extension ServerState {
    /// Forgets every key `client` WATCHes.
    func unwatchAll(_ client: SimulatorClient) {
        for watched in client.transaction.watchedKeys {
            watches.unwatch(watched.key, db: watched.db, client: client.id)
        }
        client.transaction.watchedKeys = []
    }

    /// Drops a closing client's subscriptions, blocked state and WATCHes.
    func removeClient(_ client: SimulatorClient) {
        client.isClosed = true
        sampleOutputPeak(of: client, now: clock.nowMilliseconds())
        replication.replicas[client.id] = nil
        replication.announcedPorts[client.id] = nil
        unsubscribeAll(client)
        if let pending = client.blocked?.timeoutReply {
            unblock(client)
            // Whoever awaits the blocked reply in-process (`Simulator.send`) must not wait forever.
            client.answerDeferred(pending)
            client.deferredReplyHandler = nil
        }
        unwatchAll(client)
        disableTracking(client)
        monitors.removeAll { $0 === client }
        postponed.removeAll { $0.0 === client }
        client.transaction = TransactionState()
        clients[client.id] = nil
    }
}
