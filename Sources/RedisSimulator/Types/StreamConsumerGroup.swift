/// A pending (delivered, unacknowledged) entry of a consumer group (Redis's streamNACK).
final class PendingEntry {
    /// The owner. Weak: the owner's own pending list holds this entry, and a strong reference
    /// back made a cycle that kept every consumer group alive after its stream was deleted.
    /// The group's `consumers` keep each owner alive, and deleting one drops its entries.
    weak var consumer: StreamConsumer?
    var deliveryTime: Int64
    var deliveryCount: Int64

    init(consumer: StreamConsumer?, deliveryTime: Int64, deliveryCount: Int64 = 1) {
        self.consumer = consumer
        self.deliveryTime = deliveryTime
        self.deliveryCount = deliveryCount
    }
}

/// Pending entries ordered by id: a dictionary for lookups and a sorted id array for ranges.
///
/// Removal only forgets the dictionary entry and leaves a tombstone in the array, compacted
/// once tombstones outnumber live ids, so acknowledging in delivery order stays O(log n)
/// amortized instead of shifting the array on every XACK.
struct PendingList {
    private var order: [StreamID] = []
    private(set) var entries: [StreamID: PendingEntry] = [:]

    var count: Int { entries.count }
    subscript(id: StreamID) -> PendingEntry? { entries[id] }

    /// The live ids, in order.
    var ids: [StreamID] { order.filter { entries[$0] != nil } }
    var first: StreamID? { order.first { entries[$0] != nil } }
    var last: StreamID? { order.last { entries[$0] != nil } }

    private func position(of id: StreamID) -> Int {
        var low = 0, high = order.count
        while low < high {
            let mid = (low + high) / 2
            if order[mid] < id { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Inserts or replaces; new ids usually arrive in increasing order, so this is an append.
    /// - Complexity: O(log n), plus a shift when an id lands before the end.
    mutating func insert(_ id: StreamID, _ entry: PendingEntry) {
        guard entries.updateValue(entry, forKey: id) == nil else { return }
        if let last = order.last, last >= id {
            let at = position(of: id)
            // A tombstone of the same id may still sit there.
            if at < order.count, order[at] == id { return }
            order.insert(id, at: at)
        } else {
            order.append(id)
        }
    }

    /// - Complexity: O(1) amortized.
    @discardableResult
    mutating func remove(_ id: StreamID) -> PendingEntry? {
        guard let entry = entries.removeValue(forKey: id) else { return nil }
        if order.count > 64 && order.count > 2 * entries.count {
            order.removeAll { entries[$0] == nil }
        }
        return entry
    }

    /// Live ids ≥ `start`, in order.
    /// - Complexity: O(log n) to find the start, then O(1) amortized per id.
    func ids(from start: StreamID) -> LazyFilterSequence<ArraySlice<StreamID>> {
        order[position(of: start)...].lazy.filter { entries[$0] != nil }
    }
}

/// A consumer of a group.
final class StreamConsumer {
    let name: ByteString
    /// Unix ms of its last interaction (XINFO `idle`, `seen-time`).
    var seenTime: Int64
    var pending = PendingList()

    init(name: ByteString, seenTime: Int64) {
        self.name = name
        self.seenTime = seenTime
    }
}

/// A consumer group (Redis's streamCG).
final class StreamConsumerGroup {
    let name: ByteString
    var lastID: StreamID
    /// The logical read counter (entries-read); nil when unknown.
    var entriesRead: Int64?
    var pending = PendingList()
    var consumers: [ByteString: StreamConsumer] = [:]

    init(name: ByteString, lastID: StreamID, entriesRead: Int64?) {
        self.name = name
        self.lastID = lastID
        self.entriesRead = entriesRead
    }

    /// Consumers in name order, as Redis's radix tree lists them.
    var sortedConsumers: [StreamConsumer] { consumers.values.sorted { $0.name < $1.name } }

    /// The consumer `name`, created if missing; refreshes its seen time (SLC_DEFAULT).
    func consumer(_ name: ByteString, now: Int64) -> StreamConsumer {
        if let existing = consumers[name] {
            existing.seenTime = now
            return existing
        }
        let created = StreamConsumer(name: name, seenTime: now)
        consumers[name] = created
        return created
    }

    /// Removes a consumer and its pending entries from the group.
    func deleteConsumer(_ consumer: StreamConsumer) {
        for id in consumer.pending.ids { pending.remove(id) }
        consumers[consumer.name] = nil
    }

    /// Acknowledges `id`; true if it was pending.
    func acknowledge(_ id: StreamID) -> Bool {
        guard let entry = pending.remove(id) else { return false }
        entry.consumer?.pending.remove(id)
        return true
    }

    /// Moves pending entry `id` to `consumer`.
    func assign(_ id: StreamID, _ entry: PendingEntry, to consumer: StreamConsumer) {
        if entry.consumer !== consumer {
            entry.consumer?.pending.remove(id)
            consumer.pending.insert(id, entry)
            entry.consumer = consumer
        }
    }

    /// A deep copy, for COPY.
    func clone() -> StreamConsumerGroup {
        let copy = StreamConsumerGroup(name: name, lastID: lastID, entriesRead: entriesRead)
        for (name, consumer) in consumers {
            copy.consumers[name] = StreamConsumer(name: name, seenTime: consumer.seenTime)
        }
        for id in pending.ids {
            guard let original = pending[id] else { continue }
            let owner = original.consumer.flatMap { copy.consumers[$0.name] }
            let entry = PendingEntry(consumer: owner, deliveryTime: original.deliveryTime, deliveryCount: original.deliveryCount)
            copy.pending.insert(id, entry)
            owner?.pending.insert(id, entry)
        }
        return copy
    }
}
