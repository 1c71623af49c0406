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
///
/// The object holds one word, so it takes glibc's smallest chunk (32 bytes, as a robj takes
/// jemalloc's 16): a small set costs that and its intset. The limit an insertion converts by is
/// not stored: the caller passes the server's current set-max-intset-entries, as Redis reads
/// it at each write.
public final class SetValue {
    /// nil while the set is an empty intset; else the intset's allocation (low bit clear): a
    /// 4-byte header, the width code in its top two bits (0: 2 bytes, 1: 4, 2: 8) and the
    /// length below, then the integers, little-endian; or, with the low bit set, the address of
    /// the retained `SetTable` of the hashtable encoding.
    private var storage: UnsafeMutableRawPointer?

    /// Redis 7.0's default `set-max-intset-entries`.
    public static let maxIntsetEntries = 512
    /// The most integers an intset's header can count: a limit above it acts as it (no set of a
    /// billion members fits in memory).
    private static let lengthMask: UInt32 = (1 << 30) - 1
    /// The bytes before the integers.
    private static var headerBytes: Int { 4 }

    /// True while the set is an `intset`.
    public var isIntset: Bool { UInt(bitPattern: storage) & 1 == 0 }

    /// The hashtable encoding, once the set has one.
    private var table: SetTable? {
        let bits = UInt(bitPattern: storage)
        guard bits & 1 == 1 else { return nil }
        return Unmanaged<SetTable>.fromOpaque(UnsafeRawPointer(bitPattern: bits & ~1)!).takeUnretainedValue()
    }

    /// An empty set in the intset encoding.
    public init() {}

    /// A set holding `members`, converting by `maxIntsetEntries` as it goes.
    public convenience init(_ members: some Sequence<ByteString>, maxIntsetEntries: Int = SetValue.maxIntsetEntries) {
        self.init()
        for member in members { insert(member, maxIntsetEntries: maxIntsetEntries) }
    }

    deinit { releaseStorage() }

    /// Frees the intset or releases the table.
    private func releaseStorage() {
        let bits = UInt(bitPattern: storage)
        if bits & 1 == 1 {
            Unmanaged<SetTable>.fromOpaque(UnsafeRawPointer(bitPattern: bits & ~1)!).release()
        } else {
            free(storage)
        }
        storage = nil
    }

    /// Makes `table` the set's encoding, for good.
    private func adopt(_ table: SetTable) {
        releaseStorage()
        let address = UInt(bitPattern: Unmanaged.passRetained(table).toOpaque())
        storage = UnsafeMutableRawPointer(bitPattern: address | 1)
    }

    /// A deep copy, for COPY (the encoding is kept).
    public func clone() -> SetValue {
        let copy = SetValue()
        if let table {
            copy.adopt(table.clone())
        } else if let storage {
            let bytes = Self.headerBytes + integerCount * width
            copy.storage = malloc(bytes)!
            copy.storage!.copyMemory(from: storage, byteCount: bytes)
        }
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

/// The intset: a header, then a sorted run of fixed-width integers.
extension SetValue {
    /// The intset's header (0 while it is empty or the set is a hashtable).
    private var header: UInt32 {
        guard isIntset, let storage else { return 0 }
        return storage.load(as: UInt32.self)
    }

    /// The intset's length.
    private var integerCount: Int { Int(header & Self.lengthMask) }

    /// The intset's width code.
    private var widthCode: UInt32 { header >> 30 }

    /// The bytes each integer takes.
    private var width: Int { 2 << Int(widthCode) }

    private static func widthCode(for value: Int64) -> UInt32 {
        if Int64(Int16.min)...Int64(Int16.max) ~= value { return 0 }
        if Int64(Int32.min)...Int64(Int32.max) ~= value { return 1 }
        return 2
    }

    @inline(__always)
    private static func load(at source: UnsafeRawPointer, width: Int) -> Int64 {
        switch width {
        case 2: return Int64(Int16(littleEndian: source.loadUnaligned(as: Int16.self)))
        case 4: return Int64(Int32(littleEndian: source.loadUnaligned(as: Int32.self)))
        default: return Int64(littleEndian: source.loadUnaligned(as: Int64.self))
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

    @inline(__always)
    private func integer(at index: Int) -> Int64 {
        Self.load(at: storage! + Self.headerBytes + index * width, width: width)
    }

    private func integerIndex(of value: Int64) -> (found: Bool, index: Int) {
        guard let storage, isIntset else { return (false, 0) }
        let header = storage.load(as: UInt32.self)
        let count = Int(header & Self.lengthMask), width = 2 << Int(header >> 30)
        let integers = UnsafeRawPointer(storage + Self.headerBytes)
        var low = 0, high = count
        while low < high {
            let mid = (low + high) / 2
            if Self.load(at: integers + mid * width, width: width) < value { low = mid + 1 } else { high = mid }
        }
        return (low < count && Self.load(at: integers + low * width, width: width) == value, low)
    }

    /// Inserts `value` (absent) at `index`, widening every integer first when it needs more
    /// bytes (Redis's intsetUpgradeAndAdd); the allocation grows by exactly one integer.
    private func insertInteger(_ value: Int64, at index: Int) {
        let oldCode = widthCode, count = integerCount
        let code = max(oldCode, Self.widthCode(for: value))
        let newWidth = 2 << Int(code)
        if code > oldCode, let old = storage {
            let oldWidth = 2 << Int(oldCode)
            let widened = malloc(Self.headerBytes + (count + 1) * newWidth)!
            var target = 0
            for i in 0..<count {
                if i == index { target += 1 }
                let integer = Self.load(at: old + Self.headerBytes + i * oldWidth, width: oldWidth)
                Self.store(integer, at: widened + Self.headerBytes + target * newWidth, width: newWidth)
                target += 1
            }
            free(old)
            storage = widened
        } else {
            storage = realloc(storage, Self.headerBytes + (count + 1) * newWidth)!
            let at = storage! + Self.headerBytes + index * newWidth
            if index < count { (at + newWidth).copyMemory(from: at, byteCount: (count - index) * newWidth) }
        }
        Self.store(value, at: storage! + Self.headerBytes + index * newWidth, width: newWidth)
        storage!.storeBytes(of: code << 30 | UInt32(count + 1), as: UInt32.self)
    }

    private func removeInteger(at index: Int) {
        let width = self.width, count = integerCount
        let at = storage! + Self.headerBytes + index * width
        if index < count - 1 { at.copyMemory(from: at + width, byteCount: (count - 1 - index) * width) }
        if count == 1 {
            free(storage)
            storage = nil
        } else {
            storage = realloc(storage, Self.headerBytes + (count - 1) * width)!
            storage!.storeBytes(of: widthCode << 30 | UInt32(count - 1), as: UInt32.self)
        }
    }

    private func convertToHashtable() {
        let table = SetTable()
        let count = integerCount
        table.members = DenseTable(minimumCapacity: count)
        for i in 0..<count { table.members.insertNew(ByteString(integer(at: i))) }
        adopt(table)
    }
}

extension SetValue {
    /// `intset` while every member is an integer and there are at most set-max-intset-entries,
    /// else `hashtable`.
    public var encodingName: String { isIntset ? "intset" : "hashtable" }

    /// The number of members.
    public var count: Int { table?.members.count ?? integerCount }

    /// True when there are no members (the key must then be deleted).
    public var isEmpty: Bool { count == 0 }

    /// The members in the order SMEMBERS reports them (ascending while an intset).
    public var members: [ByteString] {
        if let table { return table.members.slots }
        return (0..<integerCount).map { ByteString(integer(at: $0)) }
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

    /// Adds `member`; returns true when it was new. An intset that would then hold more than
    /// `maxIntsetEntries` integers (the server's set-max-intset-entries now, which a caller
    /// serving a command must pass) converts to a hashtable.
    ///
    /// - Complexity: O(n) as an intset (n ≤ 512 by default, as Redis's memmove), O(1)
    ///   amortized as a hashtable.
    @discardableResult
    public func insert(_ member: ByteString, maxIntsetEntries: Int = SetValue.maxIntsetEntries) -> Bool {
        if isIntset {
            if let value = member.int64Value {
                let (found, index) = integerIndex(of: value)
                if found { return false }
                insertInteger(value, at: index)
                let limit = min(max(0, maxIntsetEntries), Int(Self.lengthMask))
                if integerCount > limit { convertToHashtable() }
                return true
            }
            convertToHashtable()
        }
        return withTable { table in
            table.scanOrderCache = nil
            return table.members.findOrInsert(member, key: member).inserted
        }
    }

    /// Runs `body` on the hashtable encoding (the set must have it) without retaining it: the
    /// set holds it throughout, and SADD's retain and release of it cost more than its check.
    @inline(__always)
    private func withTable<R>(_ body: (SetTable) -> R) -> R {
        let bits = UInt(bitPattern: storage)
        precondition(bits & 1 == 1, "a hashtable set")
        return Unmanaged<SetTable>.fromOpaque(UnsafeRawPointer(bitPattern: bits & ~1)!)._withUnsafeGuaranteedRef(body)
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
    var intsetByteCount: Int { isIntset ? integerCount * width : 0 }

    /// The bytes the allocator was asked for beyond the object: the intset with its header
    /// (0 for a hashtable, whose table is counted apart).
    var intsetAllocationBytes: Int { isIntset && storage != nil ? Self.headerBytes + integerCount * width : 0 }

    /// Checks the structure's invariants; the tests call it after every operation.
    /// `maxIntsetEntries` is the limit the set was last written with.
    public func checkInvariants(maxIntsetEntries: Int = SetValue.maxIntsetEntries) {
        if let table {
            table.members.checkInvariants()
        } else {
            let count = integerCount
            precondition(count <= maxIntsetEntries)
            precondition((storage == nil) == (count == 0), "an empty intset keeps no allocation")
            for i in 1..<max(1, count) { precondition(integer(at: i - 1) < integer(at: i)) }
            if count > 0 {
                let code = (0..<count).map { Self.widthCode(for: integer(at: $0)) }.max()!
                // Redis never narrows an intset after removals.
                precondition(code <= widthCode, "an integer is wider than the intset")
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
