/// Leaf storage: pairs side by side in fixed-size blocks.
extension CountedBTree {
    mutating func insertInLeaf(_ leaf: Int, at position: Int, score: Double, member: ByteString) {
        let base = leaf * Self.capacity
        let used = Int(leaves[leaf].count)
        growLeafStorage(toHold: base + used + 1)
        var i = used
        while i > position {
            scores[base + i] = scores[base + i - 1]
            members[base + i] = members[base + i - 1]
            i -= 1
        }
        scores[base + position] = score
        members[base + position] = member
        leaves[leaf].count = Int32(used + 1)
    }

    /// Appends the pairs `range` of `leaf` to the end of `target`.
    mutating func moveLeafPairs(from leaf: Int, range: Range<Int>, to target: Int) {
        let source = leaf * Self.capacity, destination = target * Self.capacity
        var end = Int(leaves[target].count)
        growLeafStorage(toHold: destination + end + range.count)
        for i in range {
            scores[destination + end] = scores[source + i]
            members[destination + end] = members[source + i]
            members[source + i] = ByteString([])
            end += 1
        }
        leaves[target].count = Int32(end)
    }

    mutating func growLeafStorage(toHold slots: Int) {
        if scores.count < slots {
            let missing = slots - scores.count
            scores.append(contentsOf: repeatElement(0, count: missing))
            members.append(contentsOf: repeatElement(ByteString([]), count: missing))
        }
    }

    mutating func allocateLeaf() -> Int {
        if let reused = freeLeaves.popLast() {
            leaves[Int(reused)].count = 0
            return Int(reused)
        }
        leaves.append(LeafHeader())
        return leaves.count - 1
    }

    mutating func freeLeaf(_ leaf: Int) {
        let previous = Int(leaves[leaf].previous), next = Int(leaves[leaf].next)
        if previous >= 0 { leaves[previous].next = Int32(next) } else { firstLeaf = next }
        if next >= 0 { leaves[next].previous = Int32(previous) } else { lastLeaf = previous }
        leaves[leaf].count = 0
        freeLeaves.append(Int32(leaf))
    }
}
