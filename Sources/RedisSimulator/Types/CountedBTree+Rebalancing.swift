/// Mending underfull nodes after a removal, so every branch but the root keeps at least
/// `minimum` children and the tree stays O(log n) deep.
extension CountedBTree {
    /// Mends an underfull node at the end of `path` (a leaf, or a branch as it recurses): merges
    /// it with a neighbour when both fit in one node, else evens the two out; then mends the
    /// parent if it lost a child, and collapses a root left with one child.
    mutating func rebalance(path: inout Path) {
        var nodeHeight = 0
        while path.depth > 0 {
            path.depth -= 1
            let parent = path.branches[path.depth], slot = path.slots[path.depth]
            let parentBase = parent * Self.capacity
            let siblings = Int(branchCounts[parent])
            guard siblings > 1 else { break }
            let leftSlot = slot > 0 ? slot - 1 : slot
            let left = Int(children[parentBase + leftSlot]), right = Int(children[parentBase + leftSlot + 1])
            let leftCount = entries(of: left, height: nodeHeight), rightCount = entries(of: right, height: nodeHeight)
            if leftCount >= Self.minimum, rightCount >= Self.minimum {
                refreshAncestors(path: path, from: parent, height: nodeHeight + 1)
                return
            }
            if leftCount + rightCount <= Self.capacity {
                append(right, to: left, height: nodeHeight)
                if nodeHeight == 0 { freeLeaf(right) } else { freeBranch(right) }
                shiftChildren(of: parent, from: leftSlot + 2, by: -1)
                branchCounts[parent] = Int32(siblings - 1)
                setChild(parent, leftSlot, to: left, height: nodeHeight)
                if path.depth == 0, siblings - 1 == 1 {
                    // The root kept one child: that child becomes the root.
                    freeBranch(parent)
                    root = left
                    height -= 1
                    return
                }
                if siblings - 1 >= Self.minimum || path.depth == 0 {
                    refreshAncestors(path: path, from: parent, height: nodeHeight + 1)
                    return
                }
                nodeHeight += 1
                continue
            }
            evenOut(left, right, height: nodeHeight)
            setChild(parent, leftSlot, to: left, height: nodeHeight)
            setChild(parent, leftSlot + 1, to: right, height: nodeHeight)
            refreshAncestors(path: path, from: parent, height: nodeHeight + 1)
            return
        }
    }

    func entries(of node: Int, height: Int) -> Int {
        height == 0 ? Int(leaves[node].count) : Int(branchCounts[node])
    }

    /// Moves every entry of `right` to the end of `left`, its neighbour on the left.
    mutating func append(_ right: Int, to left: Int, height: Int) {
        if height == 0 {
            moveLeafPairs(from: right, range: 0..<Int(leaves[right].count), to: left)
            leaves[right].count = 0
            return
        }
        let used = Int(branchCounts[left]), moving = Int(branchCounts[right])
        for i in 0..<moving {
            copyChildSlot(from: right * Self.capacity + i, to: left * Self.capacity + used + i)
        }
        branchCounts[left] = Int32(used + moving)
    }

    /// Shares the entries of two neighbours evenly, keeping their order.
    mutating func evenOut(_ left: Int, _ right: Int, height: Int) {
        let leftCount = entries(of: left, height: height), rightCount = entries(of: right, height: height)
        let total = leftCount + rightCount
        let wanted = total / 2
        if height == 0 {
            let leftBase = left * Self.capacity, rightBase = right * Self.capacity
            if leftCount > wanted {
                // Move the tail of left to the front of right.
                let moving = leftCount - wanted
                growLeafStorage(toHold: rightBase + rightCount + moving)
                var i = rightCount - 1
                while i >= 0 {
                    scores[rightBase + i + moving] = scores[rightBase + i]
                    members[rightBase + i + moving] = members[rightBase + i]
                    i -= 1
                }
                for i in 0..<moving {
                    scores[rightBase + i] = scores[leftBase + wanted + i]
                    members[rightBase + i] = members[leftBase + wanted + i]
                    members[leftBase + wanted + i] = ByteString([])
                }
                leaves[left].count = Int32(wanted)
                leaves[right].count = Int32(rightCount + moving)
            } else {
                // Move the head of right to the end of left.
                let moving = wanted - leftCount
                moveLeafPairs(from: right, range: 0..<moving, to: left)
                for i in moving..<rightCount {
                    scores[rightBase + i - moving] = scores[rightBase + i]
                    members[rightBase + i - moving] = members[rightBase + i]
                }
                for i in (rightCount - moving)..<rightCount { members[rightBase + i] = ByteString([]) }
                leaves[right].count = Int32(rightCount - moving)
            }
            return
        }
        let leftBase = left * Self.capacity, rightBase = right * Self.capacity
        if leftCount > wanted {
            let moving = leftCount - wanted
            var i = rightCount - 1
            while i >= 0 {
                copyChildSlot(from: rightBase + i, to: rightBase + i + moving)
                i -= 1
            }
            for i in 0..<moving { copyChildSlot(from: leftBase + wanted + i, to: rightBase + i) }
            for i in wanted..<leftCount { maxMembers[leftBase + i] = ByteString([]) }
            branchCounts[left] = Int32(wanted)
            branchCounts[right] = Int32(rightCount + moving)
        } else {
            let moving = wanted - leftCount
            for i in 0..<moving { copyChildSlot(from: rightBase + i, to: leftBase + leftCount + i) }
            for i in moving..<rightCount { copyChildSlot(from: rightBase + i, to: rightBase + i - moving) }
            for i in (rightCount - moving)..<rightCount { maxMembers[rightBase + i] = ByteString([]) }
            branchCounts[left] = Int32(wanted)
            branchCounts[right] = Int32(rightCount - moving)
        }
    }
}
