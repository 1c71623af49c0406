/// One stream entry: its id and its field/value pairs, flattened.
public struct StreamEntry: Sendable {
    public let id: StreamID
    public let fields: [ByteString]
}

/// A stream's entries in id order, kept in nodes of at most `nodeCapacity` appended entries,
/// like Redis's radix tree of listpacks: appends go to the last node, range queries find their
/// node by binary search and walk it, and approximate trimming drops whole nodes as Redis
/// does. Each node packs its entries in one buffer (`StreamNode`).
///
/// Ids only grow (XADD appends after the last id), so nodes never split.
struct StreamEntryLog {
    /// Redis's stream-node-max-entries default.
    static let nodeCapacity = 100

    private(set) var nodes: [StreamNode] = []
    private(set) var count = 0

    var first: StreamEntry? { nodes.first?.first }
    var last: StreamEntry? { nodes.last?.last }
    /// The id of the last entry, without decoding it.
    var lastID: StreamID? { nodes.last?.lastID }
    /// The id of the first entry, without decoding it.
    var firstID: StreamID? { nodes.first?.firstID }

    /// Appends an entry whose id is greater than every id held.
    /// - Complexity: O(1) amortized.
    /// `nodeCapacity` is `stream-node-max-entries` as it is when the entry is added: Redis
    /// checks the limit at each append, so nodes made under another setting keep their size.
    mutating func append(_ entry: StreamEntry, nodeCapacity: Int = StreamEntryLog.nodeCapacity) {
        append(id: entry.id, fields: entry.fields[...], nodeCapacity: nodeCapacity)
    }

    /// Appends the entry `id` with `fields` (field/value pairs, flattened), straight from a
    /// command's arguments.
    /// - Complexity: O(1) amortized.
    mutating func append(id: StreamID, fields: ArraySlice<ByteString>, nodeCapacity: Int = StreamEntryLog.nodeCapacity) {
        // StreamValue.append passes only ids above lastID, which XSETID keeps at or above the top
        // entry, so no command reaches this.
        precondition(lastID.map { $0 < id } ?? true, "stream ids must grow")
        if let lastIndex = nodes.indices.last, nodes[lastIndex].slots < nodeCapacity {
            nodes[lastIndex].append(id: id, fields: fields)
        } else {
            if let lastIndex = nodes.indices.last { nodes[lastIndex].seal() }
            nodes.append(StreamNode(id: id, fields: fields))
        }
        count += 1
    }

    /// The index of the first node whose last entry is ≥ `id`.
    /// - Complexity: O(log n).
    private func nodeIndex(atOrAfter id: StreamID) -> Int {
        var low = 0, high = nodes.count
        while low < high {
            let mid = (low + high) / 2
            if nodes[mid].lastID < id { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The entry with `id`, if present.
    /// - Complexity: O(log n + node capacity).
    func entry(_ id: StreamID) -> StreamEntry? {
        let n = nodeIndex(atOrAfter: id)
        guard n < nodes.count else { return nil }
        let (offset, found) = nodes[n].offset(atOrAfter: id)
        guard found == id else { return nil }
        return nodes[n].withBytes { nodes[n].entry(at: offset, in: $0) }
    }

    /// Removes the entry with `id`; returns true if it was there. A node left empty goes away.
    /// - Complexity: O(log n + node capacity).
    @discardableResult
    mutating func remove(_ id: StreamID) -> Bool {
        let n = nodeIndex(atOrAfter: id)
        guard n < nodes.count else { return false }
        let (offset, found) = nodes[n].offset(atOrAfter: id)
        guard found == id else { return false }
        if nodes[n].count == 1 { nodes.remove(at: n) } else { nodes[n].removeEntry(at: offset) }
        count -= 1
        return true
    }

    /// Entries with ids in `start...end`, ascending or (when `reverse`) descending, at most
    /// `limit` of them (0: no limit).
    /// - Complexity: O(log n + node capacity + k) for k entries returned.
    func range(_ start: StreamID, _ end: StreamID, reverse: Bool = false, limit: Int = 0) -> [StreamEntry] {
        guard start <= end else { return [] }
        var result: [StreamEntry] = []
        if !reverse {
            var n = nodeIndex(atOrAfter: start)
            var offset = n < nodes.count ? nodes[n].offset(atOrAfter: start).offset : 0
            while n < nodes.count {
                let node = nodes[n]
                let done = node.withBytes { buffer -> Bool in
                    while offset < buffer.count {
                        let (id, next) = node.id(at: offset, in: buffer)
                        if id > end { return true }
                        result.append(node.entry(at: offset, in: buffer))
                        if limit > 0 && result.count == limit { return true }
                        offset = next
                    }
                    return false
                }
                if done { return result }
                n += 1
                offset = 0
            }
        } else {
            var n = min(nodeIndex(atOrAfter: end), nodes.count - 1)
            while n >= 0 {
                let node = nodes[n]
                let done = node.withBytes { buffer -> Bool in
                    for offset in node.offsets().reversed() {
                        let id = node.id(at: offset, in: buffer).id
                        if id > end { continue }
                        if id < start { return true }
                        result.append(node.entry(at: offset, in: buffer))
                        if limit > 0 && result.count == limit { return true }
                    }
                    return false
                }
                if done { return result }
                n -= 1
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
            let live = Int(node.count)
            if limit > 0 && removed + live > limit { break }
            let dropWhole: Bool
            // Without MAXLEN the caller gives MINID.
            if let maxLength { dropWhole = count - live >= maxLength } else { dropWhole = node.lastID < minID! }
            if dropWhole {
                nodes.removeFirst()
                count -= live
                removed += live
                continue
            }
            if approximate { break }
            var dropped = 0
            if let maxLength {
                dropped = count - maxLength
            } else {
                node.withBytes { buffer in
                    var offset = 0
                    while offset < buffer.count {
                        let (id, next) = node.id(at: offset, in: buffer)
                        if id >= minID! { break }
                        dropped += 1
                        offset = next
                    }
                }
            }
            nodes[0].removeFirst(dropped)
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
            if node.count == 0 { return "node \(n) is empty" }
            if node.slots < node.count { return "node \(n) has \(node.slots) slots" }
            let offsets = node.offsets()
            if offsets.count != Int(node.count) { return "node \(n) counts \(node.count) but holds \(offsets.count)" }
            for offset in offsets {
                let id = node.withBytes { node.id(at: offset, in: $0).id }
                if let previous, !(previous < id) { return "ids out of order at \(id)" }
                if id < node.master { return "\(id) below its master \(node.master)" }
                previous = id
            }
            if previous != node.lastID { return "node \(n) last id \(node.lastID) but holds \(previous.map(\.description) ?? "none")" }
            total += Int(node.count)
        }
        return total == count ? nil : "count \(count) but \(total) entries"
    }
}
