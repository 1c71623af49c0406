/// The ordered half of a sorted set: (score, member) pairs ordered by score, then member bytes,
/// with the rank operations Redis's zskiplist offers, in a B+tree whose branches count the
/// pairs beneath each child.
///
/// A search in a large sorted set is bound by cache misses. A skip list chases a pointer per
/// step, to a node anywhere in memory; here a search reads a few branches (the upper ones stay
/// in cache) and one leaf, whose scores lie side by side. Leaves and branches are fixed-size
/// blocks in flat arrays, linked by index, so there is no allocation per node and no reference
/// counting per link.
public struct CountedBTree {
    /// Pairs per leaf and children per branch.
    static let capacity = 32
    /// Below this many entries a node is merged with, or evened out against, a sibling.
    static let minimum = capacity / 4

    /// A leaf's pair count and its neighbours in order (-1: none).
    private struct LeafHeader {
        var count: Int32 = 0
        var next: Int32 = -1
        var previous: Int32 = -1
    }

    // Leaf k holds leaves[k].count pairs at k * capacity ..< k * capacity + leaves[k].count. The
    // arrays are grown only as far as used, so a set of a few members costs a few slots.
    private var scores: [Double] = []
    private var members: [ByteString] = []
    private var leaves: [LeafHeader] = [LeafHeader()]
    private var freeLeaves: [Int32] = []

    // Branch b holds branchCounts[b] children at b * capacity ..< b * capacity + branchCounts[b]:
    // a child's index (a leaf when the branch is at height 1), how many pairs it holds, and its
    // largest pair.
    private var children: [Int32] = []
    private var sizes: [Int] = []
    private var maxScores: [Double] = []
    private var maxMembers: [ByteString] = []
    private var branchCounts: [Int32] = []
    private var freeBranches: [Int32] = []

    /// The root: a leaf when `height` is 0, else a branch.
    private var root = 0
    private var height = 0
    private var firstLeaf = 0
    private var lastLeaf = 0
    /// The number of pairs.
    public private(set) var count = 0

    /// An empty tree.
    public init() {}

    /// True when (s1, m1) sorts before (s2, m2).
    @inline(__always)
    static func precedes(_ s1: Double, _ m1: ByteString, _ s2: Double, _ m2: ByteString) -> Bool {
        s1 < s2 || (s1 == s2 && m1 < m2)
    }

    // MARK: - Finding

    /// The branches passed on the way to a leaf, each with the slot of the child taken.
    private struct Path {
        var branches: UnsafeMutablePointer<Int>
        var slots: UnsafeMutablePointer<Int>
        var depth = 0
    }

    /// Deep enough for any tree: every branch but the root has at least `minimum` children.
    private static let maxDepth = 64

    private static func withPath<R>(_ body: (inout Path) throws -> R) rethrows -> R {
        try withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * Self.maxDepth) { scratch in
            var path = Path(branches: scratch.baseAddress!, slots: scratch.baseAddress! + Self.maxDepth)
            return try body(&path)
        }
    }

    /// Walks down to the leaf that holds (or would take) the pair, recording the path; returns
    /// the leaf and the pair's lower-bound position in it (the first pair not below it).
    private func descend(toward score: Double, _ member: ByteString, path: inout Path) -> (leaf: Int, position: Int) {
        var node = root
        for _ in 0..<height {
            let base = node * Self.capacity
            let count = Int(branchCounts[node])
            // The first child whose largest pair is not below the target, else the last.
            var low = 0, high = count - 1
            while low < high {
                let middle = (low + high) / 2
                if Self.precedes(maxScores[base + middle], maxMembers[base + middle], score, member) {
                    low = middle + 1
                } else {
                    high = middle
                }
            }
            path.branches[path.depth] = node
            path.slots[path.depth] = low
            path.depth += 1
            node = Int(children[base + low])
        }
        return (node, lowerBound(in: node, score: score, member: member))
    }

    private func lowerBound(in leaf: Int, score: Double, member: ByteString) -> Int {
        let base = leaf * Self.capacity
        var low = 0, high = Int(leaves[leaf].count)
        while low < high {
            let middle = (low + high) / 2
            if Self.precedes(scores[base + middle], members[base + middle], score, member) {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return low
    }

    /// True when slot `position` of `leaf` holds exactly (score, member).
    private func holds(_ leaf: Int, _ position: Int, score: Double, member: ByteString) -> Bool {
        position < Int(leaves[leaf].count) && scores[leaf * Self.capacity + position] == score
            && members[leaf * Self.capacity + position] == member
    }

    // MARK: - Inserting and removing

    /// Inserts a pair that is not already present.
    ///
    /// - Complexity: O(log n).
    public mutating func insert(_ member: ByteString, score: Double) {
        Self.withPath { path in
            let (leaf, position) = descend(toward: score, member, path: &path)
            insert(member, score: score, into: leaf, at: position, path: &path)
        }
    }

    private mutating func insert(_ member: ByteString, score: Double, into leaf: Int, at position: Int, path: inout Path) {
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
        Self.withPath { path in
            let (leaf, position) = descend(toward: score, member, path: &path)
            guard holds(leaf, position, score: score, member: member) else { return false }
            remove(at: position, from: leaf, path: &path)
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
        let outcome: Outcome = Self.withPath { path in
            let (leaf, position) = descend(toward: oldScore, member, path: &path)
            guard holds(leaf, position, score: oldScore, member: member) else { return .absent }
            let base = leaf * Self.capacity
            let used = Int(leaves[leaf].count)
            if position > 0, position < used - 1, scores[base + position - 1] < newScore,
                newScore < scores[base + position + 1]
            {
                // Neither the first nor the last of its leaf, so no branch records this pair.
                scores[base + position] = newScore
                return .updatedInPlace
            }
            remove(at: position, from: leaf, path: &path)
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

    private mutating func remove(at position: Int, from leaf: Int, path: inout Path) {
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

    // MARK: - Leaves

    private mutating func insertInLeaf(_ leaf: Int, at position: Int, score: Double, member: ByteString) {
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
    private mutating func moveLeafPairs(from leaf: Int, range: Range<Int>, to target: Int) {
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

    private mutating func growLeafStorage(toHold slots: Int) {
        if scores.count < slots {
            let missing = slots - scores.count
            scores.append(contentsOf: repeatElement(0, count: missing))
            members.append(contentsOf: repeatElement(ByteString([]), count: missing))
        }
    }

    private mutating func allocateLeaf() -> Int {
        if let reused = freeLeaves.popLast() {
            leaves[Int(reused)].count = 0
            return Int(reused)
        }
        leaves.append(LeafHeader())
        return leaves.count - 1
    }

    private mutating func freeLeaf(_ leaf: Int) {
        let previous = Int(leaves[leaf].previous), next = Int(leaves[leaf].next)
        if previous >= 0 { leaves[previous].next = Int32(next) } else { firstLeaf = next }
        if next >= 0 { leaves[next].previous = Int32(previous) } else { lastLeaf = previous }
        leaves[leaf].count = 0
        freeLeaves.append(Int32(leaf))
    }

    // MARK: - Branches

    private mutating func allocateBranch() -> Int {
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

    private mutating func freeBranch(_ branch: Int) {
        let base = branch * Self.capacity
        for i in 0..<Int(branchCounts[branch]) { maxMembers[base + i] = ByteString([]) }
        branchCounts[branch] = 0
        freeBranches.append(Int32(branch))
    }

    /// The number of pairs under `node` at `height`, and its largest pair.
    private func summary(of node: Int, height: Int) -> (size: Int, score: Double, member: ByteString) {
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

    private mutating func setChild(_ branch: Int, _ slot: Int, to node: Int, height: Int) {
        let entry = summary(of: node, height: height)
        let index = branch * Self.capacity + slot
        children[index] = Int32(node)
        sizes[index] = entry.size
        maxScores[index] = entry.score
        maxMembers[index] = entry.member
    }

    /// After a pair was added (`delta` 1) or removed (-1) in the leaf at the end of `path`:
    /// fixes each branch's size and largest pair for the child taken, bottom up.
    private mutating func refresh(path: Path, delta: Int) {
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
    private mutating func addChild(_ newNode: Int, after oldNode: Int, path: inout Path) {
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
    private mutating func refreshAncestors(path: Path, from node: Int, height nodeHeight: Int) {
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

    private mutating func copyChildSlot(from source: Int, to destination: Int) {
        children[destination] = children[source]
        sizes[destination] = sizes[source]
        maxScores[destination] = maxScores[source]
        maxMembers[destination] = maxMembers[source]
    }

    /// Shifts the children of `branch` from `start` on by `offset` slots (1 or -1).
    private mutating func shiftChildren(of branch: Int, from start: Int, by offset: Int) {
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

    /// Mends an underfull node at the end of `path` (a leaf, or a branch as it recurses): merges
    /// it with a neighbour when both fit in one node, else evens the two out; then mends the
    /// parent if it lost a child, and collapses a root left with one child.
    private mutating func rebalance(path: inout Path) {
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

    private func entries(of node: Int, height: Int) -> Int {
        height == 0 ? Int(leaves[node].count) : Int(branchCounts[node])
    }

    /// Moves every entry of `right` to the end of `left`, its neighbour on the left.
    private mutating func append(_ right: Int, to left: Int, height: Int) {
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
    private mutating func evenOut(_ left: Int, _ right: Int, height: Int) {
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

    // MARK: - Ranks and ranges

    /// How many leading pairs satisfy `predicate`, which must hold for a prefix of the order
    /// and fail for the rest (e.g. "below the range's minimum").
    ///
    /// - Complexity: O(log n) calls of `predicate`.
    public func prefixCount(while predicate: (Double, ByteString) -> Bool) -> Int {
        var node = root, counted = 0
        for _ in 0..<height {
            let base = node * Self.capacity
            let used = Int(branchCounts[node])
            var slot = 0
            // Whole children whose largest pair satisfies the predicate count at once.
            while slot < used - 1, predicate(maxScores[base + slot], maxMembers[base + slot]) {
                counted += sizes[base + slot]
                slot += 1
            }
            node = Int(children[base + slot])
        }
        let base = node * Self.capacity
        var position = 0
        let used = Int(leaves[node].count)
        while position < used, predicate(scores[base + position], members[base + position]) { position += 1 }
        return counted + position
    }

    /// How many leading pairs have scores satisfying `predicate`, which must hold for a prefix
    /// of the order.
    ///
    /// - Complexity: O(log n) calls of `predicate`.
    public func prefixCount(whileScore predicate: (Double) -> Bool) -> Int {
        var node = root, counted = 0
        for _ in 0..<height {
            let base = node * Self.capacity
            let used = Int(branchCounts[node])
            var slot = 0
            while slot < used - 1, predicate(maxScores[base + slot]) {
                counted += sizes[base + slot]
                slot += 1
            }
            node = Int(children[base + slot])
        }
        let base = node * Self.capacity
        var position = 0
        let used = Int(leaves[node].count)
        while position < used, predicate(scores[base + position]) { position += 1 }
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
    private func locate(rank: Int) -> (leaf: Int, position: Int) {
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

    // MARK: - Checking

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
