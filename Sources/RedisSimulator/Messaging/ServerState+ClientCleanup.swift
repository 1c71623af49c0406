extension ServerState {
    /// Drops every channel and pattern subscription of `client`.
    func unsubscribeAll(_ client: SimulatorClient) {
        for channel in client.subscriptions.channels {
            pubsub.channels[channel]?.removeAll { $0 == client.id }
            if pubsub.channels[channel]?.isEmpty == true { pubsub.channels[channel] = nil }
        }
        for pattern in client.subscriptions.patterns {
            pubsub.patterns[pattern]?.removeAll { $0 == client.id }
            if pubsub.patterns[pattern]?.isEmpty == true { pubsub.patterns[pattern] = nil }
        }
        client.subscriptions = SubscriptionState()
    }

    /// Takes `client` off every key it is blocked on, without replying.
    func unblock(_ client: SimulatorClient) {
        guard let blocked = client.blocked else { return }
        for key in blocked.keys {
            let watched = WatchRegistry.WatchedKey(db: client.databaseIndex, key: key)
            blocking.waiting[watched]?.removeAll { $0 == client.id }
            if blocking.waiting[watched]?.isEmpty == true { blocking.waiting[watched] = nil }
        }
        client.blocked = nil
    }

    /// Times out blocked clients whose deadline has passed, replying with a null array.
    func expireBlockedClients(now: Int64) {
        for client in clients.values {
            guard let deadline = client.blocked?.deadline, deadline <= now else { continue }
            unblock(client)
            client.deferredReplyHandler?(.nullArray)
        }
    }

    /// Forgets every key `client` WATCHes.
    func unwatchAll(_ client: SimulatorClient) {
        for watched in client.transaction.watchedKeys {
            watches.unwatch(watched.key, db: watched.db, client: client.id)
        }
        client.transaction.watchedKeys = []
        client.transaction.dirty = false
    }
}
