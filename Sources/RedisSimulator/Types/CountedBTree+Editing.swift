/// Inserting, removing and moving pairs.
extension CountedBTree {
    /// Inserts a pair that is not already present.
    ///
    /// - Complexity: O(log n).
    public mutating func insert(_ member: ByteString, score: Double) {
        editingWithPath { tree, path in
            let (leaf, position) = tree.descend(toward: score, member, path: &path)
            tree.insert(member, score: score, into: leaf, at: position, path: &path)
        }
    }

    mutating func insert(_ member: ByteString, score: Double, into leaf: Int, at position: Int, path: inout Path) {
        count += 1
        let used = Int(leaves[leaf].count)
        if used < Self.capacity {
            insertInLeaf(leaf, at: position, score: score, member: member)
            refresh(path: path, delta: 1)
            return
        }
        // A full leaf splits in two halves; the pair goes to the half it sorts into.
        let right = allocateLeaf()
        let half = Self.capacity / 2
        moveLeafPairs(from: leaf, range: half..<used, to: right)
        leaves[leaf].count = Int32(half)
        let next = Int(leaves[leaf].next)
        leaves[right].next = Int32(next)
        leaves[right].previous = Int32(leaf)
        leaves[leaf].next = Int32(right)
        if next >= 0 { leaves[next].previous = Int32(right) } else { lastLeaf = right }
        if position <= half {
            insertInLeaf(leaf, at: position, score: score, member: member)
        } else {
            insertInLeaf(right, at: position - half, score: score, member: member)
        }
        addChild(right, after: leaf, path: &path)
    }

    /// Removes the pair; returns false when it is not present.
    ///
    /// - Complexity: O(log n).
    @discardableResult
    public mutating func remove(_ member: ByteString, score: Double) -> Bool {
        editingWithPath { tree, path in
            let (leaf, position) = tree.descend(toward: score, member, path: &path)
            guard tree.holds(leaf, position, score: score, member: member) else { return false }
            tree.remove(at: position, from: leaf, path: &path)
            return true
        }
    }

    /// Moves a present pair to `newScore`; returns false when (member, oldScore) is not present.
    /// When the new score keeps the pair between its neighbours in its leaf, it is updated where
    /// it stands, as Redis's zslUpdateScore does; otherwise it is removed and inserted again.
    ///
    /// - Complexity: O(log n).
    @discardableResult
    public mutating func move(_ member: ByteString, from oldScore: Double, to newScore: Double) -> Bool {
        enum Outcome { case absent, updatedInPlace, removed }
        let outcome: Outcome = editingWithPath { tree, path in
            let (leaf, position) = tree.descend(toward: oldScore, member, path: &path)
            guard tree.holds(leaf, position, score: oldScore, member: member) else { return .absent }
            let base = leaf * Self.capacity
            let used = Int(tree.leaves[leaf].count)
            if position > 0, position < used - 1, tree.scores[base + position - 1] < newScore,
                newScore < tree.scores[base + position + 1]
            {
                // Neither the first nor the last of its leaf, so no branch records this pair.
                tree.scores[base + position] = newScore
                return .updatedInPlace
            }
            tree.remove(at: position, from: leaf, path: &path)
            return .removed
        }
        switch outcome {
        case .absent: return false
        case .updatedInPlace: return true
        case .removed:
            insert(member, score: newScore)
            return true
        }
    }

    mutating func remove(at position: Int, from leaf: Int, path: inout Path) {
        count -= 1
        let base = leaf * Self.capacity
        let used = Int(leaves[leaf].count)
        for i in position..<(used - 1) {
            scores[base + i] = scores[base + i + 1]
            members[base + i] = members[base + i + 1]
        }
        members[base + used - 1] = ByteString([])
        leaves[leaf].count = Int32(used - 1)
        refresh(path: path, delta: -1)
        if path.depth > 0, used - 1 < Self.minimum { rebalance(path: &path) }
    }
}
