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
    struct LeafHeader {
        var count: Int32 = 0
        var next: Int32 = -1
        var previous: Int32 = -1
    }

    // Leaf k holds leaves[k].count pairs at k * capacity ..< k * capacity + leaves[k].count. The
    // arrays are grown only as far as used, so a set of a few members costs a few slots.
    var scores: [Double] = []
    var members: [ByteString] = []
    var leaves: [LeafHeader] = [LeafHeader()]
    var freeLeaves: [Int32] = []

    // Branch b holds branchCounts[b] children at b * capacity ..< b * capacity + branchCounts[b]:
    // a child's index (a leaf when the branch is at height 1), how many pairs it holds, and its
    // largest pair.
    var children: [Int32] = []
    var sizes: [Int] = []
    var maxScores: [Double] = []
    var maxMembers: [ByteString] = []
    var branchCounts: [Int32] = []
    var freeBranches: [Int32] = []

    /// The root: a leaf when `height` is 0, else a branch.
    var root = 0
    var height = 0
    var firstLeaf = 0
    var lastLeaf = 0
    /// The number of pairs.
    public internal(set) var count = 0

    /// An empty tree.
    public init() {}

    /// True when (s1, m1) sorts before (s2, m2).
    @inline(__always)
    static func precedes(_ s1: Double, _ m1: ByteString, _ s2: Double, _ m2: ByteString) -> Bool {
        s1 < s2 || (s1 == s2 && m1 < m2)
    }

    /// The branches passed on the way to a leaf, each with the slot of the child taken.
    struct Path {
        var branches: UnsafeMutablePointer<Int>
        var slots: UnsafeMutablePointer<Int>
        var depth = 0
    }

    /// Deep enough for any tree: every branch but the root has at least `minimum` children.
    static let maxDepth = 64

    static func withPath<R>(_ body: (inout Path) throws -> R) rethrows -> R {
        try withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * Self.maxDepth) { scratch in
            var path = Path(branches: scratch.baseAddress!, slots: scratch.baseAddress! + Self.maxDepth)
            return try body(&path)
        }
    }

    /// `withPath` for an edit: the tree reaches `body` as a parameter. A closure that captured
    /// a mutating `self` copied the whole tree (its eleven arrays retained and released) at
    /// each call it made on it.
    mutating func editingWithPath<R>(_ body: (inout CountedBTree, inout Path) -> R) -> R {
        withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * Self.maxDepth) { scratch in
            var path = Path(branches: scratch.baseAddress!, slots: scratch.baseAddress! + Self.maxDepth)
            return body(&self, &path)
        }
    }

    /// Walks down to the leaf that holds (or would take) the pair, recording the path; returns
    /// the leaf and the pair's lower-bound position in it (the first pair not below it).
    func descend(toward score: Double, _ member: ByteString, path: inout Path) -> (leaf: Int, position: Int) {
        var node = root
        for _ in 0..<height {
            let base = node * Self.capacity
            let count = Int(branchCounts[node])
            // The first child whose largest pair is not below the target, else the last.
            let slot = Self.firstNotBelow(in: 0..<(count - 1)) {
                Self.precedes(maxScores[base + $0], maxMembers[base + $0], score, member)
            }
            path.branches[path.depth] = node
            path.slots[path.depth] = slot
            path.depth += 1
            node = Int(children[base + slot])
        }
        return (node, lowerBound(in: node, score: score, member: member))
    }

    func lowerBound(in leaf: Int, score: Double, member: ByteString) -> Int {
        let base = leaf * Self.capacity
        return Self.firstNotBelow(in: 0..<Int(leaves[leaf].count)) {
            Self.precedes(scores[base + $0], members[base + $0], score, member)
        }
    }

    /// The first index of `range` for which `isBelow` is false (the end when there is none),
    /// by binary search: `isBelow` must hold for a prefix of the range and fail for the rest.
    @inline(__always)
    static func firstNotBelow(in range: Range<Int>, _ isBelow: (Int) -> Bool) -> Int {
        var low = range.lowerBound, high = range.upperBound
        while low < high {
            let middle = (low + high) / 2
            if isBelow(middle) { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// True when slot `position` of `leaf` holds exactly (score, member).
    func holds(_ leaf: Int, _ position: Int, score: Double, member: ByteString) -> Bool {
        position < Int(leaves[leaf].count) && scores[leaf * Self.capacity + position] == score
            && members[leaf * Self.capacity + position] == member
    }
}
