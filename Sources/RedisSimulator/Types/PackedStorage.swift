#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The whole state of a hash or sorted set that has two encodings: its listpack (`PackedBytes`
/// elements in one allocation sized to the byte, as Redis reallocates its listpacks on every
/// write) or, once converted, its table; the listpack's length; and the thresholds its next
/// write converts by. 24 bytes, so the value's object stays in glibc's 48-byte chunk, and a
/// small value costs that object and one exact buffer, as Redis's costs a robj and a listpack.
///
/// It owns what it points to (the buffer is freed, the table released, when it goes), so it is
/// not copyable; `clone(table:)` makes the deep copy COPY needs.
struct PackedStorage<Table: AnyObject>: ~Copyable {
    /// The listpack bytes (nil while there are none), or the table, retained, when `byteCount`
    /// is `tableMark`.
    private var pointer: UnsafeMutableRawPointer?
    private var byteCount: UInt32 = 0
    /// The number of entries the listpack holds (pairs, for a hash or sorted set).
    var packedCount: UInt32 = 0
    /// The limits, clamped to 2^32 - 1 (beyond any size a value can reach).
    private var limitEntries: UInt32
    private var limitValue: UInt32

    private static var tableMark: UInt32 { .max }
    /// The most bytes a listpack holds; a write that would pass it converts the value, as
    /// Redis's lpSafeToAdd converts a listpack before it reaches 1 GB.
    static var maxBytes: Int { 1 << 30 }

    /// An empty listpack that converts by `limits`.
    init(limits: ListpackLimits) {
        limitEntries = UInt32(clamping: max(0, limits.entries))
        limitValue = UInt32(clamping: max(0, limits.value))
    }

    deinit {
        if byteCount == Self.tableMark {
            Unmanaged<Table>.fromOpaque(pointer!).release()
        } else {
            free(pointer)
        }
    }

    /// The thresholds the next write converts by.
    var limits: ListpackLimits {
        get { ListpackLimits(entries: Int(limitEntries), value: Int(limitValue)) }
        set {
            limitEntries = UInt32(clamping: max(0, newValue.entries))
            limitValue = UInt32(clamping: max(0, newValue.value))
        }
    }

    /// The table, once the value has one.
    var table: Table? {
        guard byteCount == Self.tableMark else { return nil }
        return Unmanaged<Table>.fromOpaque(pointer!).takeUnretainedValue()
    }

    /// Runs `body` on the table without retaining it (the storage holds it throughout); nil
    /// while the value is a listpack. Writes take this way: a retain and release per write cost
    /// more than the check.
    @inline(__always)
    func withTable<R>(_ body: (Table) -> R) -> R? {
        guard byteCount == Self.tableMark else { return nil }
        return Unmanaged<Table>.fromOpaque(pointer!)._withUnsafeGuaranteedRef(body)
    }

    /// True while the value is a listpack.
    var isPacked: Bool { byteCount != Self.tableMark }

    /// The listpack's bytes (none once converted).
    var packedByteCount: Int { isPacked ? Int(byteCount) : 0 }

    /// Converts to `table` for good: the listpack's bytes are freed.
    mutating func convert(to table: Table) {
        if isPacked { free(pointer) } else { Unmanaged<Table>.fromOpaque(pointer!).release() }
        pointer = Unmanaged.passRetained(table).toOpaque()
        byteCount = Self.tableMark
        packedCount = 0
    }

    /// Drops the table and starts an empty listpack (a store command's result that fits).
    mutating func resetToPacked() {
        if isPacked { free(pointer) } else { Unmanaged<Table>.fromOpaque(pointer!).release() }
        pointer = nil
        byteCount = 0
        packedCount = 0
    }

    /// Calls `body` with the listpack's bytes (empty once converted).
    @inline(__always)
    func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        guard isPacked, let pointer else { return try body(UnsafeRawBufferPointer(start: nil, count: 0)) }
        return try body(UnsafeRawBufferPointer(start: pointer, count: Int(byteCount)))
    }

    /// True when replacing `removing` bytes with `adding` keeps the listpack within `maxBytes`
    /// (a table counts as an empty listpack: the bytes a store command's result would take).
    func fits(adding: Int, removing: Int = 0) -> Bool {
        packedByteCount - removing + adding <= Self.maxBytes
    }

    /// Replaces the bytes at `range` with `count` bytes that `write` writes at the pointer it
    /// gets; the allocation is resized to the exact new length (the caller checked `fits`).
    ///
    /// - Complexity: O(bytes after `range`), plus the reallocation.
    mutating func replaceBytes(_ range: Range<Int>, count: Int, _ write: (UnsafeMutableRawPointer) -> Void) {
        precondition(isPacked && range.lowerBound >= 0 && range.upperBound <= Int(byteCount))
        let old = Int(byteCount)
        let new = old - range.count + count
        let tail = old - range.upperBound
        if new < old, tail > 0 {
            (pointer! + range.lowerBound + count).copyMemory(from: pointer! + range.upperBound, byteCount: tail)
        }
        if new == 0 {
            free(pointer)
            pointer = nil
        } else if new != old {
            guard let resized = realloc(pointer, new) else { fatalError("out of memory resizing a listpack to \(new) bytes") }
            pointer = resized
        }
        if new > old, tail > 0 {
            (pointer! + range.lowerBound + count).copyMemory(from: pointer! + range.upperBound, byteCount: tail)
        }
        byteCount = UInt32(new)
        if count > 0 { write(pointer! + range.lowerBound) }
    }

    /// A deep copy: the same bytes in a fresh allocation, or the table `cloneTable` copies.
    func clone(table cloneTable: (Table) -> Table) -> PackedStorage<Table> {
        var copy = PackedStorage(limits: limits)
        if let table {
            copy.convert(to: cloneTable(table))
        } else if let pointer, byteCount > 0 {
            copy.pointer = malloc(Int(byteCount))
            copy.pointer!.copyMemory(from: pointer, byteCount: Int(byteCount))
            copy.byteCount = byteCount
            copy.packedCount = packedCount
        }
        return copy
    }
}
