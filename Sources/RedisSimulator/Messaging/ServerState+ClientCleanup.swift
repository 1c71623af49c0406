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
        unsubscribeAll(client)
        unblock(client)
        unwatchAll(client)
        client.transaction = TransactionState()
        clients[client.id] = nil
    }
}
