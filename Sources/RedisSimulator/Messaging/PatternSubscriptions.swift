/// Every client's pattern subscriptions: each pattern with its matcher, made once when the
/// pattern is first subscribed, and its subscribers, patterns in first-subscription order. A
/// PUBLISH walks the one array, matching without building a matcher or looking a pattern's
/// subscribers up by name.
struct PatternSubscriptions {
    /// One subscribed pattern and its subscribers, in subscription order.
    struct Entry {
        let glob: GlobPattern
        fileprivate(set) var clients: [SimulatorClient]
    }

    /// The patterns with subscribers, in first-subscription order.
    private(set) var entries: [Entry] = []
    /// Where each pattern's entry is, for (un)subscribing in O(1) expected.
    private var positions: [ByteString: Int] = [:]

    /// The number of patterns with at least one subscriber (PUBSUB NUMPAT).
    var count: Int { entries.count }

    /// Adds `client` to the subscribers of `pattern`; the caller knows it is not one yet.
    mutating func add(_ client: SimulatorClient, to pattern: ByteString) {
        if let position = positions[pattern] {
            entries[position].clients.append(client)
        } else {
            positions[pattern] = entries.count
            entries.append(Entry(glob: GlobPattern(pattern), clients: [client]))
        }
    }

    /// Removes `client` from the subscribers of `pattern`, and the pattern once it has none.
    ///
    /// - Complexity: O(subscribers of the pattern), plus O(patterns) when the pattern goes.
    mutating func remove(_ client: SimulatorClient, from pattern: ByteString) {
        guard let position = positions[pattern] else { return }
        entries[position].clients.removeAll { $0 === client }
        guard entries[position].clients.isEmpty else { return }
        entries.remove(at: position)
        positions[pattern] = nil
        for later in position..<entries.count { positions[entries[later].glob.pattern] = later }
    }
}
