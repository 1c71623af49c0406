/// A sorted set: members ordered by (score, member bytes), each member once.
///
/// A B+tree that counts the pairs under each child (`CountedBTree`) gives O(log n) rank and
/// range queries; a dictionary gives O(1) member → score. The encoding name follows Redis 7.0:
/// `listpack` while small, `skiplist` once it outgrows the limits (only store commands build
/// small results back as listpacks), whatever the simulator stores it in.
public final class SortedSetValue {
    private var ordered = CountedBTree()
    private var scores: [ByteString: Double] = [:]
    /// True while Redis would keep this set as a listpack.
    public private(set) var isListpack: Bool
    /// The scan order of a `skiplist` set, built by ZSCAN and dropped by writes.
    var scanOrderCache: ScanOrder?

    /// Redis 7.0's default `zset-max-listpack-entries`.
    public static let maxListpackEntries = ListpackLimits.sortedSetDefault.entries
    /// Redis 7.0's default `zset-max-listpack-value`: the longest member a listpack keeps.
    public static let maxListpackValue = ListpackLimits.sortedSetDefault.value
    /// The thresholds the next write converts by: the server's CONFIG when it last looked the
    /// set up (Redis reads them at each write).
    public var limits: ListpackLimits

    /// An empty sorted set, as a listpack unless told otherwise.
    public init(listpack: Bool = true, limits: ListpackLimits = .sortedSetDefault) {
        isListpack = listpack
        self.limits = limits
    }

    /// A sorted set holding `pairs` (a later duplicate member's score wins).
    public convenience init(_ pairs: [(ByteString, Double)]) {
        self.init()
        for (member, score) in pairs { set(member, score: score) }
    }

    /// A sorted set holding each member of `scores` with its score.
    public convenience init(_ scores: [ByteString: Double]) {
        self.init(scores.map { ($0.key, $0.value) })
    }

    /// A deep copy, for COPY (the encoding is kept).
    public func clone() -> SortedSetValue {
        let copy = SortedSetValue(listpack: isListpack, limits: limits)
        copy.ordered = ordered
        copy.scores = scores
        return copy
    }
}

extension SortedSetValue {
    /// `listpack` while small (zset-max-listpack-entries, -value), else `skiplist`.
    public var encodingName: String { isListpack ? "listpack" : "skiplist" }

    /// The number of members.
    public var count: Int { scores.count }

    /// True when there are no members (the key must then be deleted).
    public var isEmpty: Bool { scores.isEmpty }

    /// The score of `member`, or nil.
    ///
    /// - Complexity: O(1).
    public func score(of member: ByteString) -> Double? { scores[member] }

    /// Adds `member` or moves it to `score`; returns true when it was new.
    ///
    /// - Complexity: O(log n).
    @discardableResult
    public func set(_ member: ByteString, score given: Double) -> Bool {
        scanOrderCache = nil
        // One hash lookup serves the whole update: the member's slot is kept and written in place.
        let existing = scores.index(forKey: member)
        if existing == nil, isListpack, scores.count + 1 > limits.entries || member.count > limits.value {
            isListpack = false
        }
        // A listpack keeps scores as text that reads back -0 as 0; a skiplist keeps the sign.
        let score = isListpack && given == 0 ? 0 : given
        if let existing {
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
    @discardableResult
    public func remove(_ member: ByteString) -> Bool {
        scanOrderCache = nil
        guard let score = scores.removeValue(forKey: member) else { return false }
        ordered.remove(member, score: score)
        return true
    }

    /// The 0-based rank of `member` in ascending order, or nil.
    ///
    /// - Complexity: O(log n).
    public func rank(of member: ByteString) -> Int? {
        scores[member].map { ordered.rank(of: member, score: $0) }
    }

    /// The member and score at ascending 0-based `rank` (in 0..<count).
    public func element(at rank: Int) -> (member: ByteString, score: Double) { ordered.element(at: rank) }

    /// Up to `limit` members from ascending `rank` on, or downward when `reverse`.
    ///
    /// - Complexity: O(log n + limit).
    public func elements(from rank: Int, limit: Int, reverse: Bool = false) -> [(member: ByteString, score: Double)] {
        ordered.elements(from: rank, limit: limit, reverse: reverse)
    }

    /// Every member, ascending.
    public var all: [(member: ByteString, score: Double)] { ordered.elements(from: 0, limit: count) }

    /// How many leading members (ascending) satisfy a predicate that holds for a prefix.
    ///
    /// - Complexity: O(log n).
    public func prefixCount(while predicate: (Double, ByteString) -> Bool) -> Int {
        ordered.prefixCount(while: predicate)
    }

    /// How many leading members (ascending) have scores satisfying a predicate that holds for a
    /// prefix; cheaper than `prefixCount(while:)`, as it never reads a member.
    ///
    /// - Complexity: O(log n).
    public func prefixCount(whileScore predicate: (Double) -> Bool) -> Int {
        ordered.prefixCount(whileScore: predicate)
    }

    /// Removes and returns the lowest member (ZPOPMIN), or the highest when `max`.
    ///
    /// - Complexity: O(log n).
    public func popExtreme(max: Bool) -> (member: ByteString, score: Double)? {
        guard let element = max ? ordered.last : ordered.first else { return nil }
        remove(element.member)
        return element
    }

    /// Removes and returns up to `count` members from the low end, or the high end when `max`.
    public func popExtremes(max: Bool, count: Int) -> [(member: ByteString, score: Double)] {
        var popped: [(member: ByteString, score: Double)] = []
        while popped.count < count, let element = popExtreme(max: max) { popped.append(element) }
        return popped
    }

    /// Switches a result built by a store command back to `listpack` when it fits, as Redis's
    /// zsetConvertToListpackIfNeeded does.
    public func convertToListpackIfFits() {
        guard !isListpack, count <= limits.entries else { return }
        guard scores.keys.allSatisfy({ $0.count <= limits.value }) else { return }
        isListpack = true
        scanOrderCache = nil
        for (member, score) in scores where score == 0 && score.sign == .minus {
            ordered.remove(member, score: score)
            ordered.insert(member, score: 0)
            scores[member] = 0
        }
    }

    /// Checks the tree and that it holds exactly the dictionary's pairs.
    public func checkInvariants() {
        ordered.checkInvariants()
        precondition(ordered.count == scores.count)
        for (member, score) in ordered.elements(from: 0, limit: ordered.count) {
            precondition(scores[member] == score, "dictionary and tree disagree on \(member)")
        }
        if isListpack {
            precondition(count <= limits.entries)
            precondition(scores.keys.allSatisfy { $0.count <= limits.value })
        }
    }
}

extension SortedSetValue {
    /// The members in ZSCAN order, cached until the next write.
    func scanOrder() -> ScanOrder {
        if let cached = scanOrderCache { return cached }
        let order = ScanOrder(scores.keys)
        scanOrderCache = order
        return order
    }
}
