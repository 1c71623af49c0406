/// The structural checks the tests run after every operation.
extension CountedBTree {
    /// Checks order, sizes, largest pairs, fill, leaf links and count; the tests call it after
    /// every operation.
    public func checkInvariants() {
        var leafOrder: [Int] = []
        func check(_ node: Int, height nodeHeight: Int, isRoot: Bool) -> (size: Int, score: Double, member: ByteString)? {
            if nodeHeight == 0 {
                let used = Int(leaves[node].count)
                precondition(isRoot || used >= Self.minimum, "leaf underfull")
                precondition(used <= Self.capacity, "leaf overfull")
                leafOrder.append(node)
                guard used > 0 else { return nil }
                let base = node * Self.capacity
                return (used, scores[base + used - 1], members[base + used - 1])
            }
            let used = Int(branchCounts[node])
            precondition(used >= (isRoot ? 2 : Self.minimum) && used <= Self.capacity, "branch fill broken")
            let base = node * Self.capacity
            var total = 0
            var last: (size: Int, score: Double, member: ByteString)?
            for i in 0..<used {
                let entry = check(Int(children[base + i]), height: nodeHeight - 1, isRoot: false)!
                precondition(sizes[base + i] == entry.size, "size broken")
                precondition(maxScores[base + i] == entry.score && maxMembers[base + i] == entry.member, "largest pair broken")
                total += entry.size
                last = entry
            }
            return (total, last!.score, last!.member)
        }
        let top = check(root, height: height, isRoot: true)
        precondition((top?.size ?? 0) == count, "count broken")
        precondition(leafOrder.first == firstLeaf && leafOrder.last == lastLeaf, "first or last leaf broken")
        var previous: (Double, ByteString)?
        for (i, leaf) in leafOrder.enumerated() {
            precondition(Int(leaves[leaf].previous) == (i > 0 ? leafOrder[i - 1] : -1), "previous leaf link broken")
            precondition(Int(leaves[leaf].next) == (i + 1 < leafOrder.count ? leafOrder[i + 1] : -1), "next leaf link broken")
            let base = leaf * Self.capacity
            for position in 0..<Int(leaves[leaf].count) {
                let pair = (scores[base + position], members[base + position])
                precondition(!pair.0.isNaN)
                if let previous { precondition(Self.precedes(previous.0, previous.1, pair.0, pair.1), "order broken") }
                previous = pair
            }
        }
    }
}
