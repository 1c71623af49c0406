import RESP

/// Channel, pattern and shard-channel subscriptions across all clients.
struct PubSubRegistry {
    /// Subscribers of each channel, in subscription order.
    var channels: [ByteString: [SimulatorClient]] = [:]
    /// Subscribers of each pattern, in subscription order, patterns in first-subscription order.
    var patterns = PatternSubscriptions()
    /// Subscribers of each shard channel (SSUBSCRIBE), in subscription order.
    var shardChannels: [ByteString: [SimulatorClient]] = [:]
}

/// One client's subscriptions, each list in subscription order.
struct SubscriptionState {
    var channels: [ByteString] = []
    var patterns: [ByteString] = []
    var shardChannels: [ByteString] = []

    /// The count RESP2 confirmations of (P)SUBSCRIBE/(P)UNSUBSCRIBE carry (Redis's clientSubscriptionsCount).
    var count: Int { channels.count + patterns.count }

    /// True while the client is in subscribed mode (any kind of subscription).
    var isActive: Bool { !channels.isEmpty || !patterns.isEmpty || !shardChannels.isEmpty }
}

/// The three subscription kinds and the words of their confirmations and messages.
enum SubscriptionKind {
    case channel, pattern, shard

    var subscribeWord: String {
        switch self {
        case .channel: return "subscribe"
        case .pattern: return "psubscribe"
        case .shard: return "ssubscribe"
        }
    }

    var unsubscribeWord: String {
        switch self {
        case .channel: return "unsubscribe"
        case .pattern: return "punsubscribe"
        case .shard: return "sunsubscribe"
        }
    }
}
