/// A set of distinct members.
///
/// Like Redis 7.0 it has two encodings: `intset`, a sorted array of integers (so SMEMBERS
/// answers in ascending numeric order) while every member is an integer and there are at most
/// 512, and `hashtable`, which it never leaves. The hashtable keeps members in a dense array
/// indexed by a dictionary, so membership, insertion, deletion and a random member are O(1).
public final class SetValue {
    private var integers: [Int64] = []
    private var items: [ByteString] = []
    private var positions: [ByteString: Int] = [:]
    /// True while the set is an `intset`.
    public private(set) var isIntset = true
    /// The scan order of a `hashtable` set, built by SSCAN and dropped by writes.
    var scanOrderCache: ScanOrder?

    /// Redis 7.0's default `set-max-intset-entries`.
    public static let maxIntsetEntries = 512
    /// The `set-max-intset-entries` the next insertion converts by: the server's CONFIG when it
    /// last looked the set up (Redis reads it at each write).
    public var maxIntset = SetValue.maxIntsetEntries

    /// An empty set in the intset encoding.
    public init() {}

    /// A set holding `members`.
    public convenience init(_ members: some Sequence<ByteString>) {
        self.init()
        for member in members { insert(member) }
    }

    /// A deep copy, for COPY (the encoding is kept).
    public func clone() -> SetValue {
        let copy = SetValue()
        copy.integers = integers
        copy.items = items
        copy.positions = positions
        copy.isIntset = isIntset
        copy.maxIntset = maxIntset
        return copy
    }
}

extension SetValue {
    /// `intset` while every member is an integer and there are at most set-max-intset-entries,
    /// else `hashtable`.
    public var encodingName: String { isIntset ? "intset" : "hashtable" }

    /// The number of members.
    public var count: Int { isIntset ? integers.count : items.count }

    /// True when there are no members (the key must then be deleted).
    public var isEmpty: Bool { count == 0 }

    /// The members in the order SMEMBERS reports them (ascending while an intset).
    public var members: [ByteString] { isIntset ? integers.map { ByteString($0) } : items }

    /// The member at storage position `index` (0..<count), for random picks.
    public func member(at index: Int) -> ByteString {
        isIntset ? ByteString(integers[index]) : items[index]
    }

    /// True when `member` is in the set.
    ///
    /// - Complexity: O(log n) as an intset, O(1) as a hashtable.
    public func contains(_ member: ByteString) -> Bool {
        if isIntset {
            guard let value = member.int64Value else { return false }
            return integerIndex(of: value).found
        }
        return positions[member] != nil
    }

    /// Adds `member`; returns true when it was new.
    ///
    /// - Complexity: O(n) as an intset (n ≤ 512, as Redis's memmove), O(1) amortized as a hashtable.
    @discardableResult
    public func insert(_ member: ByteString) -> Bool {
        scanOrderCache = nil
        if isIntset {
            if let value = member.int64Value {
                let (found, index) = integerIndex(of: value)
                if found { return false }
                integers.insert(value, at: index)
                if integers.count > maxIntset { convertToHashtable() }
                return true
            }
            convertToHashtable()
        }
        guard positions[member] == nil else { return false }
        positions[member] = items.count
        items.append(member)
        return true
    }

    /// Removes `member`; returns true if it was there.
    ///
    /// - Complexity: O(n) as an intset, O(1) as a hashtable.
    @discardableResult
    public func remove(_ member: ByteString) -> Bool {
        scanOrderCache = nil
        if isIntset {
            guard let value = member.int64Value else { return false }
            let (found, index) = integerIndex(of: value)
            if found { integers.remove(at: index) }
            return found
        }
        guard let index = positions.removeValue(forKey: member) else { return false }
        let last = items.count - 1
        if index != last {
            items[index] = items[last]
            positions[items[index]] = index
        }
        items.removeLast()
        return true
    }

    private func convertToHashtable() {
        items = integers.map { ByteString($0) }
        positions = Dictionary(uniqueKeysWithValues: items.enumerated().map { ($1, $0) })
        integers = []
        isIntset = false
    }

    private func integerIndex(of value: Int64) -> (found: Bool, index: Int) {
        var low = 0, high = integers.count
        while low < high {
            let mid = (low + high) / 2
            if integers[mid] < value { low = mid + 1 } else { high = mid }
        }
        return (low < integers.count && integers[low] == value, low)
    }

    /// Checks the structure's invariants; the tests call it after every operation.
    public func checkInvariants() {
        if isIntset {
            precondition(items.isEmpty && positions.isEmpty)
            precondition(integers.count <= maxIntset)
            for i in integers.indices.dropFirst() { precondition(integers[i - 1] < integers[i]) }
        } else {
            precondition(integers.isEmpty && items.count == positions.count)
            for (i, item) in items.enumerated() { precondition(positions[item] == i) }
        }
    }
}

extension SetValue {
    /// The members in SSCAN order, cached until the next write.
    func scanOrder() -> ScanOrder {
        if let cached = scanOrderCache { return cached }
        let order = ScanOrder(members)
        scanOrderCache = order
        return order
    }
}
