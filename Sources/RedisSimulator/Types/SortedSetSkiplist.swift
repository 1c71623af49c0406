/// A member of a `skiplist` sorted set and its score.
struct ScoredMember: DenseTableSlot {
    var key: ByteString
    var score: Double
}

/// The `skiplist` encoding of a sorted set: a B+tree that counts the pairs under each child
/// (`CountedBTree`) gives O(log n) rank and range queries; a `DenseTable` O(1) member → score.
/// A class apart, so a small set (a listpack) carries one reference for it, not a tree's arrays.
final class SortedSetSkiplist {
    var ordered = CountedBTree()
    private var scores = DenseTable<ScoredMember>()
    /// The scan order, built by ZSCAN and dropped by writes.
    private var scanOrderCache: ScanOrder?

    /// A deep copy.
    func clone() -> SortedSetSkiplist {
        let copy = SortedSetSkiplist()
        copy.ordered = ordered
        copy.scores = scores
        return copy
    }

    /// The number of members.
    var count: Int { scores.count }

    /// The score of `member`, or nil.
    func score(of member: ByteString) -> Double? { scores.index(of: member).map { scores[slot: $0].score } }

    /// True when every member is at most `length` bytes long.
    func membersFit(within length: Int) -> Bool { scores.allSatisfy { $0.key.count <= length } }

    /// Adds `member` or moves it to `score`; returns true when it was new.
    ///
    /// - Complexity: O(log n).
    @discardableResult
    func set(_ member: ByteString, score: Double) -> Bool {
        scanOrderCache = nil
        // One hash lookup serves the whole update: the member's slot is kept and written in place.
        let (existing, inserted) = scores.findOrInsert(ScoredMember(key: member, score: score), key: member)
        if inserted {
            ordered.insert(member, score: score)
            return true
        }
        let old = scores[slot: existing].score
        if old != score {
            ordered.move(member, from: old, to: score)
            scores[slot: existing].score = score
        }
        return false
    }

    /// Removes `member`; returns true if it was there.
    ///
    /// - Complexity: O(log n).
    func remove(_ member: ByteString) -> Bool {
        scanOrderCache = nil
        guard let removed = scores.remove(member) else { return false }
        ordered.remove(member, score: removed.score)
        return true
    }

    /// `limit` pairs from 0-based `rank` on, read in place: `ordered.elements(…)` on this class's
    /// stored tree copied the tree (its eleven arrays retained and released) for the call.
    func elements(from rank: Int, limit: Int, reverse: Bool) -> [(member: ByteString, score: Double)] {
        Self.elements(of: &ordered, from: rank, limit: limit, reverse: reverse)
    }

    /// The tree as an inout parameter, which a call reads in place.
    private static func elements(
        of tree: inout CountedBTree, from rank: Int, limit: Int, reverse: Bool
    ) -> [(member: ByteString, score: Double)] {
        tree.elements(from: rank, limit: limit, reverse: reverse)
    }

    /// The members in ZSCAN order, cached until the next write.
    func scanOrder() -> ScanOrder {
        if let cached = scanOrderCache { return cached }
        let order = ScanOrder(scores.lazy.map(\.key))
        scanOrderCache = order
        return order
    }

    /// Checks the tree and that it holds exactly the dictionary's pairs.
    func checkInvariants() {
        ordered.checkInvariants()
        scores.checkInvariants()
        precondition(ordered.count == scores.count)
        for (member, score) in ordered.elements(from: 0, limit: ordered.count) {
            precondition(self.score(of: member) == score, "dictionary and tree disagree on \(member)")
        }
    }
}
