/// An indexable skip list of (score, member) pairs ordered by score, then member bytes: the
/// ordered half of a sorted set (Redis's zskiplist). Every link carries a span — how many
/// elements it jumps — so rank lookups and rank-based access are O(log n) expected.
///
/// Nodes live in one array and link by index (0 is the header), so there is no reference
/// counting per link and no recursive teardown of long chains.
public struct SkipList {
    /// A link to the next node of a level, with that node's score: a search compares the score
    /// it already holds and reads the next node only to step onto it (or on a tie), which halves
    /// the cache misses of a search through a large set.
    struct Link {
        var forward: Int32
        var span: Int32
        /// The score of the node `forward` names (meaningless when `forward` is 0).
        var score: Double

        static let none = Link(forward: 0, span: 0, score: 0)
    }

    /// The first three levels of a node's links, stored in the node itself: 63 nodes in 64 need
    /// no allocation, and a hop reads one node, not a node and its link array.
    struct InlineLinks {
        var l0 = Link.none, l1 = Link.none, l2 = Link.none

        subscript(i: Int) -> Link {
            @inline(__always) get {
                switch i {
                case 0: return l0
                case 1: return l1
                default: return l2
                }
            }
            @inline(__always) set {
                switch i {
                case 0: l0 = newValue
                case 1: l1 = newValue
                default: l2 = newValue
                }
            }
        }
    }

    struct Node {
        var member: ByteString
        var score: Double
        var backward: Int32
        /// How many levels of links the node has.
        var level: Int32
        var inline = InlineLinks()
        /// Levels 4 and up, for the few nodes that reach them.
        var overflow: [Link] = []

        init(member: ByteString, score: Double, backward: Int, level: Int) {
            self.member = member
            self.score = score
            self.backward = Int32(truncatingIfNeeded: backward)
            self.level = Int32(level)
            if level > Self.inlineLevels {
                overflow = Array(repeating: .none, count: level - Self.inlineLevels)
            }
        }

        static let inlineLevels = 3

        subscript(link i: Int) -> Link {
            @inline(__always) get { i < Self.inlineLevels ? inline[i] : overflow[i - Self.inlineLevels] }
            @inline(__always) set {
                if i < Self.inlineLevels { inline[i] = newValue } else { overflow[i - Self.inlineLevels] = newValue }
            }
        }
    }

    /// Redis's ZSKIPLIST_MAXLEVEL.
    static let maxLevel = 32
    private var nodes: [Node]
    private var freeSlots: [Int] = []
    private var level = 1
    private var tail = 0
    private var randomState: UInt64 = 0x9E37_79B9_7F4A_7C15
    /// The number of elements.
    public private(set) var count = 0

    /// An empty skip list.
    public init() {
        // The header's links grow with the list's level, so a small set stays small.
        nodes = [Node(member: ByteString([]), score: 0, backward: 0, level: 1)]
    }

    @inline(__always) private func forward(_ x: Int, _ i: Int) -> Int { Int(nodes[x][link: i].forward) }
    @inline(__always) private func span(_ x: Int, _ i: Int) -> Int { Int(nodes[x][link: i].span) }
    @inline(__always) private func link(_ x: Int, _ i: Int) -> Link { nodes[x][link: i] }
    @inline(__always) private mutating func setLink(_ x: Int, _ i: Int, forward: Int, span: Int, score: Double) {
        nodes[x][link: i] = Link(
            forward: Int32(truncatingIfNeeded: forward), span: Int32(truncatingIfNeeded: span), score: score)
    }

    @inline(__always) private mutating func addSpan(_ x: Int, _ i: Int, _ delta: Int) {
        nodes[x][link: i].span += Int32(truncatingIfNeeded: delta)
    }

    /// Walks from the top level down to the last node before (score, member) on every level,
    /// recording it in `update` and the rank reached in `rank` (each when given); returns the
    /// node reached on level 0 and its rank. This is a sorted set's hottest loop, so it reads
    /// nodes without bounds checks: every index it follows comes from a link.
    @inline(__always)
    private func descend(
        toward score: Double, _ member: ByteString,
        update: UnsafeMutablePointer<Int>?, rank: UnsafeMutablePointer<Int>?
    ) -> (node: Int, rank: Int) {
        nodes.withUnsafeBufferPointer { buffer in
            let node = buffer.baseAddress!
            var x = 0, traversed = 0
            for i in stride(from: level - 1, through: 0, by: -1) {
                while true {
                    let step = node[x][link: i]
                    guard step.forward != 0,
                        step.score < score || (step.score == score && node[Int(step.forward)].member < member)
                    else { break }
                    traversed += Int(step.span)
                    x = Int(step.forward)
                }
                update?[i] = x
                rank?[i] = traversed
            }
            return (x, traversed)
        }
    }

    /// True when (s1, m1) sorts before (s2, m2).
    @inline(__always)
    static func precedes(_ s1: Double, _ m1: ByteString, _ s2: Double, _ m2: ByteString) -> Bool {
        s1 < s2 || (s1 == s2 && m1 < m2)
    }

    private mutating func randomLevel() -> Int {
        var level = 1
        while level < Self.maxLevel {
            randomState ^= randomState << 13
            randomState ^= randomState >> 7
            randomState ^= randomState << 17
            // Redis's ZSKIPLIST_P = 0.25: one more level with probability 1/4.
            guard randomState & 3 == 0 else { break }
            level += 1
        }
        return level
    }

    /// Inserts a pair that is not already present.
    ///
    /// - Complexity: O(log n) expected.
    public mutating func insert(_ member: ByteString, score: Double) {
        withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * Self.maxLevel) { scratch in
            insert(member, score: score, update: scratch.baseAddress!, rank: scratch.baseAddress! + Self.maxLevel)
        }
    }

    private mutating func insert(_ member: ByteString, score: Double, update: UnsafeMutablePointer<Int>, rank: UnsafeMutablePointer<Int>) {
        _ = descend(toward: score, member, update: update, rank: rank)
        let newLevel = randomLevel()
        if newLevel > level {
            for i in level..<newLevel {
                rank[i] = 0
                update[i] = 0
                if Int(nodes[0].level) <= i {
                    nodes[0].level += 1
                    if i >= Node.inlineLevels { nodes[0].overflow.append(.none) }
                }
                setLink(0, i, forward: 0, span: count, score: 0)
            }
            level = newLevel
        }
        let node = Node(member: member, score: score, backward: update[0], level: newLevel)
        let n: Int
        if let slot = freeSlots.popLast() { nodes[slot] = node; n = slot } else { nodes.append(node); n = nodes.count - 1 }
        for i in 0..<newLevel {
            let u = update[i]
            let old = link(u, i)
            setLink(n, i, forward: Int(old.forward), span: Int(old.span) - (rank[0] - rank[i]), score: old.score)
            setLink(u, i, forward: n, span: rank[0] - rank[i] + 1, score: score)
        }
        if newLevel < level {
            for i in newLevel..<level { addSpan(update[i], i, 1) }
        }
        let next = forward(n, 0)
        if next != 0 { nodes[next].backward = Int32(truncatingIfNeeded: n) } else { tail = n }
        count += 1
    }

    /// Removes the pair; returns false when it is not present.
    ///
    /// - Complexity: O(log n) expected.
    @discardableResult
    public mutating func remove(_ member: ByteString, score: Double) -> Bool {
        withUnsafeTemporaryAllocation(of: Int.self, capacity: Self.maxLevel) { scratch in
            let update = scratch.baseAddress!
            guard let target = find(member, score: score, update: update) else { return false }
            unlink(target, update: update)
            return true
        }
    }

    /// Moves a present pair to `newScore`; returns false when (member, oldScore) is not present.
    /// When the new score keeps the node between its neighbours, the node is updated where it
    /// stands, as Redis's zslUpdateScore does; otherwise it is unlinked and inserted again, so
    /// a move costs two searches, never three.
    ///
    /// - Complexity: O(log n) expected.
    @discardableResult
    public mutating func move(_ member: ByteString, from oldScore: Double, to newScore: Double) -> Bool {
        enum Outcome { case absent, updatedInPlace, unlinked }
        let outcome: Outcome = withUnsafeTemporaryAllocation(of: Int.self, capacity: Self.maxLevel) { scratch in
            let update = scratch.baseAddress!
            guard let target = find(member, score: oldScore, update: update) else { return .absent }
            let previous = Int(nodes[target].backward)
            let next = link(target, 0)
            if previous == 0 || nodes[previous].score < newScore, next.forward == 0 || newScore < next.score {
                // Every link that leads to the node carries its score, and update[i] holds them all.
                for i in 0..<Int(nodes[target].level) { nodes[update[i]][link: i].score = newScore }
                nodes[target].score = newScore
                return .updatedInPlace
            }
            unlink(target, update: update)
            return .unlinked
        }
        switch outcome {
        case .absent: return false
        case .updatedInPlace: return true
        case .unlinked:
            insert(member, score: newScore)
            return true
        }
    }

    /// The node holding (member, score), filling `update` with its predecessor at every level.
    private func find(_ member: ByteString, score: Double, update: UnsafeMutablePointer<Int>) -> Int? {
        let x = descend(toward: score, member, update: update, rank: nil).node
        let candidate = link(x, 0)
        let target = Int(candidate.forward)
        guard target != 0, candidate.score == score, nodes[target].member == member else { return nil }
        return target
    }

    /// Takes `target` out of every level, given its predecessors, and frees its slot.
    private mutating func unlink(_ target: Int, update: UnsafeMutablePointer<Int>) {
        for i in 0..<level {
            let u = update[i]
            if forward(u, i) == target {
                let next = link(target, i)
                setLink(u, i, forward: Int(next.forward), span: span(u, i) + Int(next.span) - 1, score: next.score)
            } else {
                addSpan(u, i, -1)
            }
        }
        let next = forward(target, 0)
        if next != 0 { nodes[next].backward = nodes[target].backward } else { tail = Int(nodes[target].backward) }
        while level > 1, forward(0, level - 1) == 0 { level -= 1 }
        nodes[target] = Node(member: ByteString([]), score: 0, backward: 0, level: 0)
        freeSlots.append(target)
        count -= 1
    }

    /// How many leading elements satisfy `predicate`, which must hold for a prefix of the order
    /// and fail for the rest (e.g. "below the range's minimum").
    ///
    /// - Complexity: O(log n) expected calls of `predicate`.
    public func prefixCount(while predicate: (Double, ByteString) -> Bool) -> Int {
        var x = 0, rank = 0
        for i in stride(from: level - 1, through: 0, by: -1) {
            while true {
                let next = forward(x, i)
                guard next != 0, predicate(nodes[next].score, nodes[next].member) else { break }
                rank += span(x, i)
                x = next
            }
        }
        return rank
    }

    /// How many leading elements have scores satisfying `predicate`, which must hold for a
    /// prefix of the order; reads the scores the links carry, never a node it does not step onto.
    ///
    /// - Complexity: O(log n) expected calls of `predicate`.
    public func prefixCount(whileScore predicate: (Double) -> Bool) -> Int {
        var x = 0, rank = 0
        for i in stride(from: level - 1, through: 0, by: -1) {
            while true {
                let step = link(x, i)
                guard step.forward != 0, predicate(step.score) else { break }
                rank += Int(step.span)
                x = Int(step.forward)
            }
        }
        return rank
    }

    /// The 0-based rank of a present pair: the number of elements before it.
    ///
    /// - Complexity: O(log n) expected.
    public func rank(of member: ByteString, score: Double) -> Int {
        descend(toward: score, member, update: nil, rank: nil).rank
    }

    private func node(atRank rank: Int) -> Int {
        var x = 0, traversed = 0
        let target = rank + 1
        for i in stride(from: level - 1, through: 0, by: -1) {
            while forward(x, i) != 0, traversed + span(x, i) <= target {
                traversed += span(x, i)
                x = forward(x, i)
            }
            if traversed == target { return x }
        }
        return 0
    }

    /// The pair at 0-based `rank` (which must be in 0..<count).
    ///
    /// - Complexity: O(log n) expected.
    public func element(at rank: Int) -> (member: ByteString, score: Double) {
        let n = node(atRank: rank)
        return (nodes[n].member, nodes[n].score)
    }

    /// Up to `limit` pairs starting at 0-based `rank`, walking toward higher ranks, or toward
    /// lower ranks when `reverse` is set.
    ///
    /// - Complexity: O(log n + limit).
    public func elements(from rank: Int, limit: Int, reverse: Bool = false) -> [(member: ByteString, score: Double)] {
        guard rank >= 0, rank < count, limit > 0 else { return [] }
        var result: [(member: ByteString, score: Double)] = []
        result.reserveCapacity(min(limit, count))
        var x = node(atRank: rank)
        while x != 0, result.count < limit {
            result.append((nodes[x].member, nodes[x].score))
            x = reverse ? Int(nodes[x].backward) : forward(x, 0)
        }
        return result
    }

    /// The lowest pair, if any.
    public var first: (member: ByteString, score: Double)? {
        let n = forward(0, 0)
        return n == 0 ? nil : (nodes[n].member, nodes[n].score)
    }

    /// The highest pair, if any.
    public var last: (member: ByteString, score: Double)? {
        tail == 0 ? nil : (nodes[tail].member, nodes[tail].score)
    }

    /// Checks order, spans, back links, tail and count; the tests call it after every operation.
    public func checkInvariants() {
        var order: [Int] = []
        var x = forward(0, 0)
        var previous = 0
        while x != 0 {
            precondition(Int(nodes[x].backward) == previous, "backward link broken")
            if previous != 0 {
                precondition(Self.precedes(nodes[previous].score, nodes[previous].member, nodes[x].score, nodes[x].member),
                              "order broken")
            }
            precondition(!nodes[x].score.isNaN)
            order.append(x)
            previous = x
            x = forward(x, 0)
        }
        precondition(order.count == count, "count broken")
        precondition(tail == (order.last ?? 0), "tail broken")
        var position = [Int: Int]()
        for (i, n) in order.enumerated() { position[n] = i + 1 }
        for i in 0..<Self.maxLevel {
            var node = 0, at = 0
            while true {
                let link = Int(nodes[node].level) > i ? nodes[node][link: i] : nil
                guard let link, link.forward != 0 else { break }
                precondition(i < level, "link above the list's level")
                let to = position[Int(link.forward)]!
                precondition(to - at == Int(link.span), "span broken at level \(i)")
                precondition(link.score == nodes[Int(link.forward)].score, "link score stale at level \(i)")
                node = Int(link.forward)
                at = to
            }
        }
        precondition(level == 1 || forward(0, level - 1) != 0, "level not trimmed")
    }
}
