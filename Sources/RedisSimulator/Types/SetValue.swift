#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A set of distinct members.
///
/// Like Redis 7.0 it has two encodings: `intset` while every member is an integer and there are
/// at most set-max-intset-entries, kept as Redis keeps it: the integers ascending (so SMEMBERS
/// answers in numeric order) in one allocation sized to the byte, each 2, 4 or 8 bytes wide as
/// the largest magnitude needs; and `hashtable`, which it never leaves: the members in a
/// `DenseTable`, so membership, insertion, deletion and a random member are O(1).
public final class SetValue {
    /// The intset's integers, `count` of them, little-endian, of the width `limitAndWidth` names.
    private var integers: UnsafeMutableRawPointer?
    /// The hashtable encoding, once the set has one.
    private var table: SetTable?
    /// The intset's length.
    private var integerCount: UInt32 = 0
    /// set-max-intset-entries (clamped to 2^30 - 1: no set of a billion members fits in memory)
    /// in the low 30 bits, the intset's width in the top two (0: 2 bytes, 1: 4, 2: 8).
    private var limitAndWidth: UInt32 = UInt32(SetValue.maxIntsetEntries)

    /// Redis 7.0's default `set-max-intset-entries`.
    public static let maxIntsetEntries = 512
    private static let limitMask: UInt32 = (1 << 30) - 1

    /// The `set-max-intset-entries` the next insertion converts by: the server's CONFIG when it
    /// last looked the set up (Redis reads it at each write).
    public var maxIntset: Int {
        get { Int(limitAndWidth & Self.limitMask) }
        set { limitAndWidth = limitAndWidth & ~Self.limitMask | UInt32(clamping: min(max(0, newValue), Int(Self.limitMask))) }
    }

    /// True while the set is an `intset`.
    public var isIntset: Bool { table == nil }

    /// An empty set in the intset encoding.
    public init() {}

    /// A set holding `members`.
    public convenience init(_ members: some Sequence<ByteString>) {
        self.init()
        for member in members { insert(member) }
    }

    deinit { free(integers) }

    /// A deep copy, for COPY (the encoding is kept).
    public func clone() -> SetValue {
        let copy = SetValue()
        copy.limitAndWidth = limitAndWidth
        copy.integerCount = integerCount
        if let integers, integerCount > 0 {
            let bytes = Int(integerCount) * width
            copy.integers = malloc(bytes)
            copy.integers!.copyMemory(from: integers, byteCount: bytes)
        }
        copy.table = table?.clone()
        return copy
    }
}

/// The `hashtable` encoding of a set: its members and the SSCAN order built from them.
final class SetTable {
    var members = DenseTable<ByteString>()
    /// The scan order, built by SSCAN and dropped by writes.
    var scanOrderCache: ScanOrder?

    func clone() -> SetTable {
        let copy = SetTable()
        copy.members = members
        return copy
    }
}

/// The intset: a sorted run of fixed-width integers.
extension SetValue {
    /// The bytes each integer takes.
    private var width: Int { 2 << Int(limitAndWidth >> 30) }

    private static func widthCode(for value: Int64) -> UInt32 {
        if Int64(Int16.min)...Int64(Int16.max) ~= value { return 0 }
        if Int64(Int32.min)...Int64(Int32.max) ~= value { return 1 }
        return 2
    }

    @inline(__always)
    private func integer(at index: Int) -> Int64 {
        let at = integers! + index * width
        switch width {
        case 2: return Int64(Int16(littleEndian: at.loadUnaligned(as: Int16.self)))
        case 4: return Int64(Int32(littleEndian: at.loadUnaligned(as: Int32.self)))
        default: return Int64(littleEndian: at.loadUnaligned(as: Int64.self))
        }
    }

    @inline(__always)
    private static func store(_ value: Int64, at target: UnsafeMutableRawPointer, width: Int) {
        switch width {
        case 2: target.storeBytes(of: Int16(truncatingIfNeeded: value).littleEndian, as: Int16.self)
        case 4: target.storeBytes(of: Int32(truncatingIfNeeded: value).littleEndian, as: Int32.self)
        default: target.storeBytes(of: value.littleEndian, as: Int64.self)
        }
    }

    private func integerIndex(of value: Int64) -> (found: Bool, index: Int) {
        var low = 0, high = Int(integerCount)
        while low < high {
            let mid = (low + high) / 2
            if integer(at: mid) < value { low = mid + 1 } else { high = mid }
        }
        return (low < Int(integerCount) && integer(at: low) == value, low)
    }

    /// Inserts `value` (absent) at `index`, widening every integer first when it needs more
    /// bytes (Redis's intsetUpgradeAndAdd); the allocation grows by exactly one integer.
    private func insertInteger(_ value: Int64, at index: Int) {
        let code = Self.widthCode(for: value)
        let count = Int(integerCount)
        if code > limitAndWidth >> 30 {
            let newWidth = 2 << Int(code)
            let widened = malloc((count + 1) * newWidth)!
            var target = 0
            for i in 0..<count {
                if i == index { target += 1 }
                Self.store(integer(at: i), at: widened + target * newWidth, width: newWidth)
                target += 1
            }
            Self.store(value, at: widened + index * newWidth, width: newWidth)
            free(integers)
            integers = widened
            limitAndWidth = limitAndWidth & Self.limitMask | code << 30
        } else {
            let width = self.width
            integers = realloc(integers, (count + 1) * width)!
            let at = integers! + index * width
            if index < count { (at + width).copyMemory(from: at, byteCount: (count - index) * width) }
            Self.store(value, at: at, width: width)
        }
        integerCount += 1
    }

    private func removeInteger(at index: Int) {
        let width = self.width, count = Int(integerCount)
        let at = integers! + index * width
        if index < count - 1 { at.copyMemory(from: at + width, byteCount: (count - 1 - index) * width) }
        integerCount -= 1
        if integerCount == 0 {
            free(integers)
            integers = nil
        } else {
            integers = realloc(integers, Int(integerCount) * width)!
        }
    }

    private func convertToHashtable() {
        let table = SetTable()
        table.members = DenseTable(minimumCapacity: Int(integerCount))
        for i in 0..<Int(integerCount) { table.members.insertNew(ByteString(integer(at: i))) }
        free(integers)
        integers = nil
        integerCount = 0
        self.table = table
    }
}

extension SetValue {
    /// `intset` while every member is an integer and there are at most set-max-intset-entries,
    /// else `hashtable`.
    public var encodingName: String { isIntset ? "intset" : "hashtable" }

    /// The number of members.
    public var count: Int { table?.members.count ?? Int(integerCount) }

    /// True when there are no members (the key must then be deleted).
    public var isEmpty: Bool { count == 0 }

    /// The members in the order SMEMBERS reports them (ascending while an intset).
    public var members: [ByteString] {
        if let table { return table.members.slots }
        return (0..<Int(integerCount)).map { ByteString(integer(at: $0)) }
    }

    /// The member at storage position `index` (0..<count), for random picks.
    public func member(at index: Int) -> ByteString {
        if let table { return table.members[slot: index] }
        return ByteString(integer(at: index))
    }

    /// True when `member` is in the set.
    ///
    /// - Complexity: O(log n) as an intset, O(1) as a hashtable.
    public func contains(_ member: ByteString) -> Bool {
        if let table { return table.members.contains(member) }
        guard let value = member.int64Value else { return false }
        return integerIndex(of: value).found
    }

    /// Adds `member`; returns true when it was new.
    ///
    /// - Complexity: O(n) as an intset (n ≤ 512, as Redis's memmove), O(1) amortized as a hashtable.
    @discardableResult
    public func insert(_ member: ByteString) -> Bool {
        if table == nil {
            if let value = member.int64Value {
                let (found, index) = integerIndex(of: value)
                if found { return false }
                insertInteger(value, at: index)
                if Int(integerCount) > maxIntset { convertToHashtable() }
                return true
            }
            convertToHashtable()
        }
        let table = self.table!
        table.scanOrderCache = nil
        return table.members.findOrInsert(member, key: member).inserted
    }

    /// Removes `member`; returns true if it was there.
    ///
    /// - Complexity: O(n) as an intset, O(1) as a hashtable.
    @discardableResult
    public func remove(_ member: ByteString) -> Bool {
        if let table {
            table.scanOrderCache = nil
            return table.members.remove(member) != nil
        }
        guard let value = member.int64Value else { return false }
        let (found, index) = integerIndex(of: value)
        if found { removeInteger(at: index) }
        return found
    }

    /// The bytes the intset's integers take (0 for a hashtable).
    var intsetByteCount: Int { isIntset ? Int(integerCount) * width : 0 }

    /// Checks the structure's invariants; the tests call it after every operation.
    public func checkInvariants() {
        if let table {
            precondition(integers == nil && integerCount == 0)
            table.members.checkInvariants()
        } else {
            precondition(Int(integerCount) <= maxIntset)
            precondition((integers == nil) == (integerCount == 0))
            for i in 1..<max(1, Int(integerCount)) { precondition(integer(at: i - 1) < integer(at: i)) }
            if integerCount > 0 {
                let code = (0..<Int(integerCount)).map { Self.widthCode(for: integer(at: $0)) }.max()!
                // Redis never narrows an intset after removals.
                precondition(code <= limitAndWidth >> 30, "an integer is wider than the intset")
            }
        }
    }
}

extension SetValue {
    /// The members in SSCAN order, cached by a `hashtable` set until the next write.
    func scanOrder() -> ScanOrder {
        guard let table else { return ScanOrder(members) }
        if let cached = table.scanOrderCache { return cached }
        let order = ScanOrder(table.members.slots)
        table.scanOrderCache = order
        return order
    }
}
