import RESP

extension ServerState {
    /// Subscribes `client` to `name`; returns the confirmation (Redis's pubsubSubscribeChannel/Pattern).
    func subscribe(_ client: SimulatorClient, to name: ByteString, kind: SubscriptionKind) -> RESPValue {
        switch kind {
        case .channel:
            if !client.subscriptions.channels.contains(name) {
                client.subscriptions.channels.append(name)
                pubsub.channels[name, default: []].append(client)
            }
        case .pattern:
            if !client.subscriptions.patterns.contains(name) {
                client.subscriptions.patterns.append(name)
                pubsub.patterns.add(client, to: name)
            }
        case .shard:
            if !client.subscriptions.shardChannels.contains(name) {
                client.subscriptions.shardChannels.append(name)
                pubsub.shardChannels[name, default: []].append(client)
            }
        }
        return confirmation(kind.subscribeWord, name, count(for: client, kind))
    }

    /// Unsubscribes `client` from `name` (nil: the "nothing to unsubscribe" confirmation);
    /// returns the confirmation.
    @discardableResult
    func unsubscribe(_ client: SimulatorClient, from name: ByteString?, kind: SubscriptionKind) -> RESPValue {
        if let name {
            switch kind {
            case .channel:
                if let i = client.subscriptions.channels.firstIndex(of: name) {
                    client.subscriptions.channels.remove(at: i)
                    Self.remove(client, from: &pubsub.channels, name)
                }
            case .pattern:
                if let i = client.subscriptions.patterns.firstIndex(of: name) {
                    client.subscriptions.patterns.remove(at: i)
                    pubsub.patterns.remove(client, from: name)
                }
            case .shard:
                if let i = client.subscriptions.shardChannels.firstIndex(of: name) {
                    client.subscriptions.shardChannels.remove(at: i)
                    Self.remove(client, from: &pubsub.shardChannels, name)
                }
            }
        }
        return confirmation(kind.unsubscribeWord, name, count(for: client, kind))
    }

    /// UNSUBSCRIBE/PUNSUBSCRIBE/SUNSUBSCRIBE with no arguments: one confirmation per subscription
    /// dropped, or a single one with a null name when there was none.
    func unsubscribeAll(_ client: SimulatorClient, kind: SubscriptionKind) -> [RESPValue] {
        let names: [ByteString]
        switch kind {
        case .channel: names = client.subscriptions.channels
        case .pattern: names = client.subscriptions.patterns
        case .shard: names = client.subscriptions.shardChannels
        }
        if names.isEmpty { return [unsubscribe(client, from: nil, kind: kind)] }
        return names.map { unsubscribe(client, from: $0, kind: kind) }
    }

    /// Delivers `message` to the subscribers of `channel` and of the patterns matching it;
    /// returns how many deliveries were made (a client matching twice counts twice, as in Redis).
    @discardableResult
    func publish(_ message: ByteString, to channel: ByteString, sharded: Bool = false) -> Int {
        var receivers = 0
        if sharded {
            var push = SharedPush(.smessage, channel: channel, message: message)
            for client in pubsub.shardChannels[channel] ?? [] {
                client.push(&push)
                receivers += 1
            }
            return receivers
        }
        if let subscribers = pubsub.channels[channel] {
            var push = SharedPush(.message, channel: channel, message: message)
            for client in subscribers {
                client.push(&push)
                receivers += 1
            }
        }
        for subscribed in pubsub.patterns.entries where subscribed.glob.matches(channel) {
            var push = SharedPush(.pmessage, pattern: subscribed.glob.pattern, channel: channel, message: message)
            for client in subscribed.clients {
                client.push(&push)
                receivers += 1
            }
        }
        return receivers
    }

    /// Drops every subscription of `client`, without confirmations (disconnect, RESET).
    func unsubscribeAll(_ client: SimulatorClient) {
        for name in client.subscriptions.channels { Self.remove(client, from: &pubsub.channels, name) }
        for name in client.subscriptions.patterns {
            pubsub.patterns.remove(client, from: name)
        }
        for name in client.subscriptions.shardChannels { Self.remove(client, from: &pubsub.shardChannels, name) }
        client.subscriptions = SubscriptionState()
    }

    private func count(for client: SimulatorClient, _ kind: SubscriptionKind) -> Int {
        kind == .shard ? client.subscriptions.shardChannels.count : client.subscriptions.count
    }

    private func confirmation(_ word: String, _ name: ByteString?, _ count: Int) -> RESPValue {
        .push([.bulk(word), name.map { .bulk($0) } ?? .nullBulkString, .integer(Int64(count))])
    }

    private static func remove(
        _ client: SimulatorClient, from table: inout [ByteString: [SimulatorClient]], _ name: ByteString
    ) {
        table[name]?.removeAll { $0 === client }
        if table[name]?.isEmpty == true { table[name] = nil }
    }
}
