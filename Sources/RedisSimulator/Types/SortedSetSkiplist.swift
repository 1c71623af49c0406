/// The `skiplist` encoding of a sorted set: a B+tree that counts the pairs under each child
/// (`CountedBTree`) gives O(log n) rank and range queries; a dictionary O(1) member → score.
/// A class apart, so a small set (a listpack) carries one reference for it, not a tree's arrays.
final class SortedSetSkiplist {
    var ordered = CountedBTree()
    private(set) var scores: [ByteString: Double] = [:]
    /// The scan order, built by ZSCAN and dropped by writes.
    private var scanOrderCache: ScanOrder?

    /// A deep copy.
    func clone() -> SortedSetSkiplist {
        let copy = SortedSetSkiplist()
        copy.ordered = ordered
        copy.scores = scores
        return copy
    }

    /// Adds `member` or moves it to `score`; returns true when it was new.
    ///
    /// - Complexity: O(log n).
    @discardableResult
    func set(_ member: ByteString, score: Double) -> Bool {
        scanOrderCache = nil
        // One hash lookup serves the whole update: the member's slot is kept and written in place.
        if let existing = scores.index(forKey: member) {
            let old = scores.values[existing]
            if old != score {
                ordered.move(member, from: old, to: score)
                scores.values[existing] = score
            }
            return false
        }
        scores[member] = score
        ordered.insert(member, score: score)
        return true
    }

    /// Removes `member`; returns true if it was there.
    ///
    /// - Complexity: O(log n).
    func remove(_ member: ByteString) -> Bool {
        scanOrderCache = nil
        guard let score = scores.removeValue(forKey: member) else { return false }
        ordered.remove(member, score: score)
        return true
    }

    /// The members in ZSCAN order, cached until the next write.
    func scanOrder() -> ScanOrder {
        if let cached = scanOrderCache { return cached }
        let order = ScanOrder(scores.keys)
        scanOrderCache = order
        return order
    }

    /// Checks the tree and that it holds exactly the dictionary's pairs.
    func checkInvariants() {
        ordered.checkInvariants()
        precondition(ordered.count == scores.count)
        for (member, score) in ordered.elements(from: 0, limit: ordered.count) {
            precondition(scores[member] == score, "dictionary and tree disagree on \(member)")
        }
    }
}
