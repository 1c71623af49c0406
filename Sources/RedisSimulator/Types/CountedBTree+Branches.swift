/// Branch storage, and keeping each branch's sizes and largest pairs right as leaves change
/// and split.
extension CountedBTree {
    mutating func allocateBranch() -> Int {
        if let reused = freeBranches.popLast() {
            branchCounts[Int(reused)] = 0
            return Int(reused)
        }
        branchCounts.append(0)
        let slots = branchCounts.count * Self.capacity
        children.append(contentsOf: repeatElement(0, count: slots - children.count))
        sizes.append(contentsOf: repeatElement(0, count: slots - sizes.count))
        maxScores.append(contentsOf: repeatElement(0, count: slots - maxScores.count))
        maxMembers.append(contentsOf: repeatElement(ByteString([]), count: slots - maxMembers.count))
        return branchCounts.count - 1
    }

    mutating func freeBranch(_ branch: Int) {
        let base = branch * Self.capacity
        for i in 0..<Int(branchCounts[branch]) { maxMembers[base + i] = ByteString([]) }
        branchCounts[branch] = 0
        freeBranches.append(Int32(branch))
    }

    /// The number of pairs under `node` at `height`, and its largest pair.
    func summary(of node: Int, height: Int) -> (size: Int, score: Double, member: ByteString) {
        if height == 0 {
            let used = Int(leaves[node].count)
            let last = node * Self.capacity + used - 1
            return used == 0 ? (0, 0, ByteString([])) : (used, scores[last], members[last])
        }
        let base = node * Self.capacity
        let used = Int(branchCounts[node])
        var size = 0
        for i in 0..<used { size += sizes[base + i] }
        return (size, maxScores[base + used - 1], maxMembers[base + used - 1])
    }

    mutating func setChild(_ branch: Int, _ slot: Int, to node: Int, height: Int) {
        let entry = summary(of: node, height: height)
        let index = branch * Self.capacity + slot
        children[index] = Int32(node)
        sizes[index] = entry.size
        maxScores[index] = entry.score
        maxMembers[index] = entry.member
    }

    /// After a pair was added (`delta` 1) or removed (-1) in the leaf at the end of `path`:
    /// fixes each branch's size and largest pair for the child taken, bottom up.
    mutating func refresh(path: Path, delta: Int) {
        var level = path.depth - 1
        while level >= 0 {
            let branch = path.branches[level], slot = path.slots[level]
            let index = branch * Self.capacity + slot
            let child = Int(children[index])
            sizes[index] += delta
            let childHeight = height - 1 - level
            if childHeight == 0 {
                let used = Int(leaves[child].count)
                if used > 0 {
                    maxScores[index] = scores[child * Self.capacity + used - 1]
                    maxMembers[index] = members[child * Self.capacity + used - 1]
                }
            } else {
                let last = child * Self.capacity + Int(branchCounts[child]) - 1
                maxScores[index] = maxScores[last]
                maxMembers[index] = maxMembers[last]
            }
            level -= 1
        }
    }

    /// Puts `newNode` (a sibling just split off) into the parent of the node at the end of
    /// `path`, right after it, splitting full branches up to the root.
    mutating func addChild(_ newNode: Int, after oldNode: Int, path: inout Path) {
        var newNode = newNode, oldNode = oldNode
        var childHeight = 0
        while true {
            guard path.depth > 0 else {
                // The root split: a new root takes both halves.
                let newRoot = allocateBranch()
                branchCounts[newRoot] = 2
                setChild(newRoot, 0, to: oldNode, height: childHeight)
                setChild(newRoot, 1, to: newNode, height: childHeight)
                root = newRoot
                height += 1
                return
            }
            path.depth -= 1
            let branch = path.branches[path.depth], slot = path.slots[path.depth]
            let base = branch * Self.capacity
            let used = Int(branchCounts[branch])
            if used < Self.capacity {
                shiftChildren(of: branch, from: slot + 1, by: 1)
                branchCounts[branch] = Int32(used + 1)
                setChild(branch, slot, to: oldNode, height: childHeight)
                setChild(branch, slot + 1, to: newNode, height: childHeight)
                refreshAncestors(path: path, from: branch, height: childHeight + 1)
                return
            }
            // A full branch splits too; the new child goes into the half it belongs to.
            let right = allocateBranch()
            let half = Self.capacity / 2
            for i in half..<used { copyChildSlot(from: base + i, to: right * Self.capacity + i - half) }
            branchCounts[branch] = Int32(half)
            branchCounts[right] = Int32(used - half)
            let (target, position) = slot < half ? (branch, slot) : (right, slot - half)
            shiftChildren(of: target, from: position + 1, by: 1)
            branchCounts[target] += 1
            setChild(target, position, to: oldNode, height: childHeight)
            setChild(target, position + 1, to: newNode, height: childHeight)
            for i in Int(branchCounts[branch])..<Self.capacity { maxMembers[base + i] = ByteString([]) }
            oldNode = branch
            newNode = right
            childHeight += 1
        }
    }

    /// Refreshes the entries that lead to `node` (at `height`) in the branches of `path`.
    mutating func refreshAncestors(path: Path, from node: Int, height nodeHeight: Int) {
        var child = node, childHeight = nodeHeight
        var level = path.depth - 1
        while level >= 0 {
            let branch = path.branches[level]
            setChild(branch, path.slots[level], to: child, height: childHeight)
            child = branch
            childHeight += 1
            level -= 1
        }
    }

    mutating func copyChildSlot(from source: Int, to destination: Int) {
        children[destination] = children[source]
        sizes[destination] = sizes[source]
        maxScores[destination] = maxScores[source]
        maxMembers[destination] = maxMembers[source]
    }

    /// Shifts the children of `branch` from `start` on by `offset` slots (1 or -1).
    mutating func shiftChildren(of branch: Int, from start: Int, by offset: Int) {
        let base = branch * Self.capacity
        let used = Int(branchCounts[branch])
        if offset > 0 {
            var i = used - 1
            while i >= start {
                copyChildSlot(from: base + i, to: base + i + offset)
                i -= 1
            }
        } else {
            for i in start..<used { copyChildSlot(from: base + i, to: base + i + offset) }
            maxMembers[base + used - 1] = ByteString([])
        }
    }
}
