/// A sorted set: members ordered by (score, member bytes), each member once.
///
/// Like Redis 7.0 it has two encodings. `listpack` while small: members and scores packed side
/// by side in order in one byte buffer (`SortedSetValue+Packed`), walked linearly as Redis walks
/// its listpack. `skiplist` once it outgrows the limits (only store commands build small
/// results back as listpacks): `SortedSetSkiplist`, a counted B+tree and a dictionary.
public final class SortedSetValue {
    /// The listpack (member, score, member, score… in order, see `+Packed`) or the skiplist, the
    /// member count and the limits, in one exact buffer and 24 bytes of object.
    var storage: PackedStorage<SortedSetSkiplist>

    /// The skiplist encoding, once the value has one.
    private var skiplist: SortedSetSkiplist? { storage.table }

    /// True while Redis would keep this set as a listpack.
    public var isListpack: Bool { storage.isPacked }

    /// Redis 7.0's default `zset-max-listpack-entries`.
    public static let maxListpackEntries = ListpackLimits.sortedSetDefault.entries
    /// Redis 7.0's default `zset-max-listpack-value`: the longest member a listpack keeps.
    public static let maxListpackValue = ListpackLimits.sortedSetDefault.value
    /// The thresholds the next write converts by: the server's CONFIG when it last looked the
    /// set up (Redis reads them at each write).
    public var limits: ListpackLimits {
        get { storage.limits }
        set { storage.limits = newValue }
    }

    /// An empty sorted set, as a listpack unless told otherwise.
    public init(listpack: Bool = true, limits: ListpackLimits = .sortedSetDefault) {
        storage = PackedStorage(limits: limits)
        if !listpack { storage.convert(to: SortedSetSkiplist()) }
    }

    private init(storage: consuming PackedStorage<SortedSetSkiplist>) { self.storage = storage }

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
    public func clone() -> SortedSetValue { SortedSetValue(storage: storage.clone { $0.clone() }) }
}

extension SortedSetValue {
    /// `listpack` while small (zset-max-listpack-entries 128, -value 64), else `skiplist`.
    public var encodingName: String { isListpack ? "listpack" : "skiplist" }

    /// The number of members.
    public var count: Int { skiplist?.count ?? Int(storage.packedCount) }

    /// True when there are no members (the key must then be deleted).
    public var isEmpty: Bool { count == 0 }

    /// The score of `member`, or nil.
    ///
    /// - Complexity: O(n) as a listpack, O(1) as a skiplist.
    public func score(of member: ByteString) -> Double? {
        if let skiplist { return skiplist.score(of: member) }
        return packedLocation(of: member)?.score
    }

    /// Adds `member` or moves it to `score`; returns true when it was new.
    ///
    /// - Complexity: O(n) as a listpack, O(log n) as a skiplist.
    @discardableResult
    public func set(_ member: ByteString, score given: Double) -> Bool {
        if isListpack {
            // A listpack keeps scores as text that reads back -0 as 0; a skiplist keeps the sign.
            let score = given == 0 ? 0 : given
            if let existing = packedLocation(of: member) {
                if existing.score != score {
                    storage.replaceBytes(existing.start..<existing.end, count: 0) { _ in }
                    packedInsert(member, score: score)
                }
                return false
            }
            addAbsent(member, score: given)
            return true
        }
        return skiplist!.set(member, score: given)
    }

    /// Adds `member`, which the caller has just found absent, without searching the listpack
    /// for it a second time (ZADD of a new member).
    ///
    /// - Complexity: O(n) as a listpack, O(log n) as a skiplist.
    public func addAbsent(_ member: ByteString, score given: Double) {
        if isListpack {
            let score = given == 0 ? 0 : given
            if Int(storage.packedCount) + 1 <= limits.entries && member.count <= limits.value
                && storage.fits(adding: Self.packedSize(member, score: score)) {
                packedInsert(member, score: score)
                storage.packedCount += 1
                return
            }
            convertToSkiplist()
        }
        _ = skiplist!.set(member, score: given)
    }

    /// Removes `member`; returns true if it was there.
    ///
    /// - Complexity: O(n) as a listpack, O(log n) as a skiplist.
    @discardableResult
    public func remove(_ member: ByteString) -> Bool {
        if let skiplist { return skiplist.remove(member) }
        guard let location = packedLocation(of: member) else { return false }
        storage.replaceBytes(location.start..<location.end, count: 0) { _ in }
        storage.packedCount -= 1
        return true
    }

    /// The 0-based rank of `member` in ascending order, or nil.
    ///
    /// - Complexity: O(n) as a listpack, O(log n) as a skiplist.
    public func rank(of member: ByteString) -> Int? {
        if let skiplist { return skiplist.score(of: member).map { skiplist.ordered.rank(of: member, score: $0) } }
        return packedLocation(of: member)?.rank
    }

    /// The member and score at ascending 0-based `rank` (in 0..<count).
    public func element(at rank: Int) -> (member: ByteString, score: Double) {
        skiplist?.ordered.element(at: rank) ?? packedElements(from: rank, limit: 1)[0]
    }

    /// The pairs at ascending ranks `ranks`, each in 0..<count, repeats allowed (ZRANDMEMBER).
    ///
    /// - Complexity: O(n + k) as a listpack (one walk), O(k log n) as a skiplist.
    public func elements(at ranks: [Int]) -> [(member: ByteString, score: Double)] {
        if let skiplist { return ranks.map { skiplist.ordered.element(at: $0) } }
        let pairs = all
        return ranks.map { pairs[$0] }
    }

    /// Up to `limit` members from ascending `rank` on, or downward when `reverse`.
    ///
    /// - Complexity: O(n) as a listpack, O(log n + limit) as a skiplist.
    public func elements(from rank: Int, limit: Int, reverse: Bool = false) -> [(member: ByteString, score: Double)] {
        if let skiplist { return skiplist.elements(from: rank, limit: limit, reverse: reverse) }
        guard rank >= 0, rank < count, limit > 0 else { return [] }
        if !reverse { return packedElements(from: rank, limit: limit) }
        let low = max(0, rank - limit + 1)
        return packedElements(from: low, limit: rank - low + 1).reversed()
    }

    /// Every member, ascending.
    public var all: [(member: ByteString, score: Double)] {
        skiplist?.ordered.elements(from: 0, limit: count) ?? packedElements(from: 0, limit: count)
    }

    /// How many leading members (ascending) satisfy a predicate that holds for a prefix.
    ///
    /// - Complexity: O(n) as a listpack, O(log n) as a skiplist.
    public func prefixCount(while predicate: (Double, ByteString) -> Bool) -> Int {
        skiplist?.ordered.prefixCount(while: predicate) ?? packedPrefixCount(while: predicate)
    }

    /// How many leading members (ascending) have scores satisfying a predicate that holds for a
    /// prefix; cheaper than `prefixCount(while:)`, as it never reads a member.
    ///
    /// - Complexity: O(n) as a listpack, O(log n) as a skiplist.
    public func prefixCount(whileScore predicate: (Double) -> Bool) -> Int {
        skiplist?.ordered.prefixCount(whileScore: predicate) ?? packedPrefixCount(whileScore: predicate)
    }

    /// Removes and returns the lowest member (ZPOPMIN), or the highest when `max`.
    ///
    /// - Complexity: O(n) as a listpack, O(log n) as a skiplist.
    public func popExtreme(max: Bool) -> (member: ByteString, score: Double)? {
        guard !isEmpty else { return nil }
        let element = element(at: max ? count - 1 : 0)
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
        guard let skiplist, count <= limits.entries else { return }
        guard skiplist.membersFit(within: limits.value) else { return }
        let elements = skiplist.ordered.elements(from: 0, limit: count)
        guard storage.fits(adding: elements.reduce(0) { $0 + Self.packedSize($1.member, score: $1.score) }) else { return }
        storage.resetToPacked()
        for (member, score) in elements {
            // A listpack keeps scores as text that reads back -0 as 0.
            packedInsert(member, score: score == 0 ? 0 : score)
        }
        storage.packedCount = UInt32(elements.count)
    }

    /// Moves the members into the `skiplist` encoding.
    private func convertToSkiplist() {
        let skiplist = SortedSetSkiplist()
        for (member, score) in packedElements(from: 0, limit: Int(storage.packedCount)) { skiplist.set(member, score: score) }
        storage.convert(to: skiplist)
    }

    /// Checks the encoding's structure: the tree and dictionary agree, or the packed pairs are
    /// in order, distinct and within the limits.
    public func checkInvariants() {
        if let skiplist {
            skiplist.checkInvariants()
            precondition(storage.packedByteCount == 0 && storage.packedCount == 0)
            return
        }
        let elements = packedElements(from: 0, limit: Int.max)
        precondition(elements.count == storage.packedCount, "packed holds \(elements.count) pairs, counted \(storage.packedCount)")
        precondition(count <= limits.entries)
        precondition(elements.allSatisfy { $0.member.count <= limits.value })
        precondition(Set(elements.map(\.member)).count == elements.count, "a member is packed twice")
        for i in elements.indices.dropFirst() {
            precondition(CountedBTree.precedes(elements[i - 1].score, elements[i - 1].member, elements[i].score, elements[i].member),
                         "packed pairs out of order at \(i)")
        }
        precondition(elements.allSatisfy { !($0.score == 0 && $0.score.sign == .minus) }, "a listpack holds -0")
    }
}

extension SortedSetValue {
    /// The members in ZSCAN order, cached by a `skiplist` set until the next write.
    func scanOrder() -> ScanOrder { skiplist?.scanOrder() ?? ScanOrder(all.map(\.member)) }
}
