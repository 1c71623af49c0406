/// Ranks and ranges.
extension CountedBTree {
    /// How many leading pairs satisfy `predicate`, which must hold for a prefix of the order
    /// and fail for the rest (e.g. "below the range's minimum").
    ///
    /// - Complexity: O(log n) calls of `predicate`.
    public func prefixCount(while predicate: (Double, ByteString) -> Bool) -> Int {
        prefixCount(
            branchEntryHolds: { predicate(maxScores[$0], maxMembers[$0]) },
            pairHolds: { predicate(scores[$0], members[$0]) })
    }

    /// How many leading pairs have scores satisfying `predicate`, which must hold for a prefix
    /// of the order; it never reads a member.
    ///
    /// - Complexity: O(log n) calls of `predicate`.
    public func prefixCount(whileScore predicate: (Double) -> Bool) -> Int {
        prefixCount(branchEntryHolds: { predicate(maxScores[$0]) }, pairHolds: { predicate(scores[$0]) })
    }

    /// The walk behind both `prefixCount`s, given the test of a branch entry's largest pair and
    /// of a leaf's pair, each by its index in the storage arrays.
    private func prefixCount(branchEntryHolds: (Int) -> Bool, pairHolds: (Int) -> Bool) -> Int {
        var node = root, counted = 0
        for _ in 0..<height {
            let base = node * Self.capacity
            let used = Int(branchCounts[node])
            var slot = 0
            // Whole children whose largest pair satisfies the predicate count at once.
            while slot < used - 1, branchEntryHolds(base + slot) {
                counted += sizes[base + slot]
                slot += 1
            }
            node = Int(children[base + slot])
        }
        let base = node * Self.capacity
        var position = 0
        let used = Int(leaves[node].count)
        while position < used, pairHolds(base + position) { position += 1 }
        return counted + position
    }

    /// The 0-based rank of a present pair: the number of pairs before it.
    ///
    /// - Complexity: O(log n).
    public func rank(of member: ByteString, score: Double) -> Int {
        Self.withPath { path in
            let (_, position) = descend(toward: score, member, path: &path)
            var rank = position
            for level in 0..<path.depth {
                let base = path.branches[level] * Self.capacity
                for i in 0..<path.slots[level] { rank += sizes[base + i] }
            }
            return rank
        }
    }

    /// The leaf holding 0-based `rank` (in 0..<count) and the position in it.
    func locate(rank: Int) -> (leaf: Int, position: Int) {
        var node = root, remaining = rank
        for _ in 0..<height {
            let base = node * Self.capacity
            var slot = 0
            while remaining >= sizes[base + slot] {
                remaining -= sizes[base + slot]
                slot += 1
            }
            node = Int(children[base + slot])
        }
        return (node, remaining)
    }

    /// The pair at 0-based `rank` (which must be in 0..<count).
    ///
    /// - Complexity: O(log n).
    public func element(at rank: Int) -> (member: ByteString, score: Double) {
        let (leaf, position) = locate(rank: rank)
        return (members[leaf * Self.capacity + position], scores[leaf * Self.capacity + position])
    }

    /// Up to `limit` pairs starting at 0-based `rank`, walking toward higher ranks, or toward
    /// lower ranks when `reverse` is set.
    ///
    /// - Complexity: O(log n + limit).
    public func elements(from rank: Int, limit: Int, reverse: Bool = false) -> [(member: ByteString, score: Double)] {
        guard rank >= 0, rank < count, limit > 0 else { return [] }
        var result: [(member: ByteString, score: Double)] = []
        result.reserveCapacity(min(limit, reverse ? rank + 1 : count - rank))
        var (leaf, position) = locate(rank: rank)
        while leaf >= 0, result.count < limit {
            let base = leaf * Self.capacity
            result.append((members[base + position], scores[base + position]))
            if reverse {
                position -= 1
                if position < 0 {
                    leaf = Int(leaves[leaf].previous)
                    if leaf >= 0 { position = Int(leaves[leaf].count) - 1 }
                }
            } else {
                position += 1
                if position >= Int(leaves[leaf].count) {
                    leaf = Int(leaves[leaf].next)
                    position = 0
                }
            }
        }
        return result
    }

    /// The lowest pair, if any.
    public var first: (member: ByteString, score: Double)? {
        count == 0 ? nil : (members[firstLeaf * Self.capacity], scores[firstLeaf * Self.capacity])
    }

    /// The highest pair, if any.
    public var last: (member: ByteString, score: Double)? {
        guard count > 0 else { return nil }
        let index = lastLeaf * Self.capacity + Int(leaves[lastLeaf].count) - 1
        return (members[index], scores[index])
    }
}
