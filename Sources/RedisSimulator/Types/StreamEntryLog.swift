/// One stream entry: its id and its field/value pairs, flattened.
public struct StreamEntry: Sendable {
    public let id: StreamID
    public let fields: [ByteString]
}

/// A stream's entries in id order, kept in nodes of at most `nodeCapacity` appended entries,
/// like Redis's radix tree of listpacks: appends go to the last node, range queries find their
/// node by binary search, and approximate trimming drops whole nodes as Redis does.
///
/// Ids only grow (XADD appends after the last id), so nodes never split.
struct StreamEntryLog {
    struct Node {
        /// The live entries, in id order.
        var entries: [StreamEntry]
        /// Entries ever appended to this node, deleted ones included (a node takes no more
        /// appends once this reaches the capacity, as a full listpack).
        var slots: Int
    }

    /// Redis's stream-node-max-entries default.
    static let nodeCapacity = 100

    private(set) var nodes: [Node] = []
    private(set) var count = 0

    var first: StreamEntry? { nodes.first?.entries.first }
    var last: StreamEntry? { nodes.last?.entries.last }

    /// Appends an entry whose id is greater than every id held.
    /// - Complexity: O(1) amortized.
    /// `nodeCapacity` is `stream-node-max-entries` as it is when the entry is added: Redis
    /// checks the limit at each append, so nodes made under another setting keep their size.
    mutating func append(_ entry: StreamEntry, nodeCapacity: Int = StreamEntryLog.nodeCapacity) {
        // StreamValue.append passes only ids above lastID, which XSETID keeps at or above the top
        // entry, so no command reaches this.
        precondition(last.map { $0.id < entry.id } ?? true, "stream ids must grow")
        if let lastIndex = nodes.indices.last, nodes[lastIndex].slots < nodeCapacity {
            nodes[lastIndex].entries.append(entry)
            nodes[lastIndex].slots += 1
        } else {
            nodes.append(Node(entries: [entry], slots: 1))
        }
        count += 1
    }

    /// The index of the first node whose last entry is ≥ `id`.
    /// - Complexity: O(log n).
    private func nodeIndex(atOrAfter id: StreamID) -> Int {
        var low = 0, high = nodes.count
        while low < high {
            let mid = (low + high) / 2
            // A node is dropped with its last entry, so every node has one.
            if nodes[mid].entries.last!.id < id { low = mid + 1 } else { high = mid }
        }
        return low
    }

    private static func entryIndex(in entries: [StreamEntry], atOrAfter id: StreamID) -> Int {
        var low = 0, high = entries.count
        while low < high {
            let mid = (low + high) / 2
            if entries[mid].id < id { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The entry with `id`, if present.
    /// - Complexity: O(log n).
    func entry(_ id: StreamID) -> StreamEntry? {
        let n = nodeIndex(atOrAfter: id)
        guard n < nodes.count else { return nil }
        let i = Self.entryIndex(in: nodes[n].entries, atOrAfter: id)
        return i < nodes[n].entries.count && nodes[n].entries[i].id == id ? nodes[n].entries[i] : nil
    }

    /// Removes the entry with `id`; returns true if it was there. A node left empty goes away.
    /// - Complexity: O(log n + node capacity).
    @discardableResult
    mutating func remove(_ id: StreamID) -> Bool {
        let n = nodeIndex(atOrAfter: id)
        guard n < nodes.count else { return false }
        let i = Self.entryIndex(in: nodes[n].entries, atOrAfter: id)
        guard i < nodes[n].entries.count, nodes[n].entries[i].id == id else { return false }
        nodes[n].entries.remove(at: i)
        if nodes[n].entries.isEmpty { nodes.remove(at: n) }
        count -= 1
        return true
    }

    /// Entries with ids in `start...end`, ascending or (when `reverse`) descending, at most
    /// `limit` of them (0: no limit).
    /// - Complexity: O(log n + k) for k entries returned.
    func range(_ start: StreamID, _ end: StreamID, reverse: Bool = false, limit: Int = 0) -> [StreamEntry] {
        guard start <= end else { return [] }
        var result: [StreamEntry] = []
        if !reverse {
            var n = nodeIndex(atOrAfter: start)
            guard n < nodes.count else { return [] }
            var i = Self.entryIndex(in: nodes[n].entries, atOrAfter: start)
            while n < nodes.count {
                let entries = nodes[n].entries
                while i < entries.count {
                    if entries[i].id > end { return result }
                    result.append(entries[i])
                    if limit > 0 && result.count == limit { return result }
                    i += 1
                }
                n += 1
                i = 0
            }
        } else {
            var n = nodeIndex(atOrAfter: end)
            if n == nodes.count { n -= 1 }
            guard n >= 0 else { return [] }
            var i = Self.entryIndex(in: nodes[n].entries, atOrAfter: end)
            if i == nodes[n].entries.count || nodes[n].entries[i].id > end { i -= 1 }
            while n >= 0 {
                let entries = nodes[n].entries
                while i >= 0 {
                    if entries[i].id < start { return result }
                    result.append(entries[i])
                    if limit > 0 && result.count == limit { return result }
                    i -= 1
                }
                n -= 1
                if n >= 0 { i = nodes[n].entries.count - 1 }
            }
        }
        return result
    }

    /// Trims from the oldest entry while `shouldRemove(id, countNow)` holds, as Redis's
    /// streamTrim: whole nodes first; when `approximate`, it stops at the first node it cannot
    /// drop whole; `limit` (0: none) caps the entries removed by whole nodes. Returns the number removed.
    mutating func trim(
        approximate: Bool, limit: Int, keepAtLeast maxLength: Int?, minID: StreamID?
    ) -> Int {
        var removed = 0
        while let node = nodes.first {
            if let maxLength, count <= maxLength { break }
            let live = node.entries.count
            if limit > 0 && removed + live > limit { break }
            let dropWhole: Bool
            // Every node has a last entry (see nodeIndex); without MAXLEN the caller gives MINID.
            if let maxLength { dropWhole = count - live >= maxLength } else { dropWhole = node.entries.last!.id < minID! }
            if dropWhole {
                nodes.removeFirst()
                count -= live
                removed += live
                continue
            }
            if approximate { break }
            var dropped = 0
            for entry in node.entries {
                if let maxLength { if count - dropped <= maxLength { break } } else if entry.id >= minID! { break }
                dropped += 1
            }
            nodes[0].entries.removeFirst(dropped)
            count -= dropped
            removed += dropped
            break
        }
        return removed
    }

    /// The number of nodes (XINFO STREAM's radix-tree-keys).
    var nodeCount: Int { nodes.count }

    /// Checks the structure's invariants; returns a description of the first broken one.
    func invariantViolation() -> String? {
        var previous: StreamID?
        var total = 0
        for (n, node) in nodes.enumerated() {
            if node.entries.isEmpty { return "node \(n) is empty" }
            if node.slots < node.entries.count { return "node \(n) has \(node.slots) slots" }
            for entry in node.entries {
                if let previous, !(previous < entry.id) { return "ids out of order at \(entry.id)" }
                previous = entry.id
            }
            total += node.entries.count
        }
        return total == count ? nil : "count \(count) but \(total) entries"
    }
}
