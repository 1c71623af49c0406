#if canImport(Glibc)
import Glibc
#endif
import CPrefetch

/// An element of a `DenseTable`: anything found by a ByteString key.
protocol DenseTableSlot {
    var key: ByteString { get }
}

extension ByteString: DenseTableSlot {
    var key: ByteString { self }
}

/// The dictionary behind the keyspace and the large collections (`hashtable` hashes and sets,
/// the member index of `skiplist` sorted sets): a compact hash table. Slots sit densely in
/// fixed-size segments (no doubling slack once large, no copy of the whole table when it
/// grows), found through an open-addressing index of 8-byte entries (the key's hash tag beside
/// the slot number), so a lookup reads one index word and one slot, and growing the index never
/// hashes a key again. A deletion moves the last slot into the hole, so a random slot is O(1)
/// and iteration order is insertion order until something is deleted (a hash table's order, as
/// Redis's, is promised to no client).
struct DenseTable<Slot: DenseTableSlot> {
    private static var segmentShift: Int { 12 }
    private static var segmentMask: Int { (1 << segmentShift) - 1 }
    /// Slots, `1 << segmentShift` per segment; only the first grows, by half each time.
    private var segments: [ContiguousArray<Slot>] = []
    /// 0 for an empty bucket, else the key's hash tag (upper 32 bits) above the slot number + 1.
    private var buckets: [UInt64] = []
    /// The number of slots.
    private(set) var count = 0

    init() {}

    /// An empty table with room for `capacity` slots.
    init(minimumCapacity capacity: Int) {
        guard capacity > 0 else { return }
        var size = 8
        while size * 3 < capacity * 4 { size *= 2 }
        buckets = Self.zeroedIndex(size)
        var first = ContiguousArray<Slot>()
        first.reserveCapacity(Swift.min(capacity, 1 << Self.segmentShift))
        segments = [first]
    }

    @inline(__always) private var mask: Int { buckets.count - 1 }

    @inline(__always) static func tag(_ key: ByteString) -> UInt32 {
        UInt32(truncatingIfNeeded: key.tableHash >> 32)
    }

    /// The slot at `index` (0..<count).
    @inline(__always)
    subscript(slot index: Int) -> Slot {
        get { segments[index >> Self.segmentShift][index & Self.segmentMask] }
        _modify { yield &segments[index >> Self.segmentShift][index & Self.segmentMask] }
    }

    /// The bucket holding `key` and its slot number, or nil.
    ///
    /// - Complexity: O(1) expected.
    @inline(__always)
    private func find(_ key: ByteString, tag: UInt32) -> (bucket: Int, slot: Int)? {
        guard count > 0 else { return nil }
        let mask = self.mask
        var bucket = Int(tag) & mask
        while true {
            let entry = buckets[bucket]
            if entry == 0 { return nil }
            if UInt32(truncatingIfNeeded: entry >> 32) == tag {
                let slot = Int(UInt32(truncatingIfNeeded: entry)) - 1
                if self[slot: slot].key == key { return (bucket, slot) }
            }
            bucket = (bucket + 1) & mask
        }
    }

    /// The slot number of `key`, or nil (valid until the next insertion or removal).
    @inline(__always)
    func index(of key: ByteString) -> Int? { find(key, tag: Self.tag(key))?.slot }

    /// True when `key` has a slot.
    func contains(_ key: ByteString) -> Bool { index(of: key) != nil }

    /// Adds `slot`, whose key is not in the table; returns its slot number.
    @discardableResult
    mutating func insertNew(_ slot: Slot) -> Int { insertNew(slot, tag: Self.tag(slot.key)) }

    /// The slot number of `slot`'s key, inserting `slot` when the key is absent; `inserted`
    /// tells which.
    mutating func findOrInsert(_ slot: @autoclosure () -> Slot, key: ByteString) -> (index: Int, inserted: Bool) {
        let tag = Self.tag(key)
        if let (_, index) = find(key, tag: tag) { return (index, false) }
        return (insertNew(slot(), tag: tag), true)
    }

    private mutating func insertNew(_ slot: Slot, tag: UInt32) -> Int {
        if (count + 1) * 4 > buckets.count * 3 { rebuildIndex(buckets: Swift.max(8, buckets.count * 2)) }
        let index = count
        if segments.count == index >> Self.segmentShift {
            var segment = ContiguousArray<Slot>()
            if index > 0 { segment.reserveCapacity(1 << Self.segmentShift) }
            segments.append(segment)
        }
        let last = segments.count - 1
        if segments[last].count == segments[last].capacity {
            // Half again rather than double: a table holds many slots, and its index (not this
            // array) is what keeps lookups fast.
            let held = segments[last].count
            segments[last].reserveCapacity(Swift.min(1 << Self.segmentShift, Swift.max(4, held + held / 2)))
        }
        segments[last].append(slot)
        count += 1
        var bucket = Int(tag) & mask
        while buckets[bucket] != 0 { bucket = (bucket + 1) & mask }
        buckets[bucket] = UInt64(tag) << 32 | UInt64(index + 1)
        return index
    }

    /// Removes the slot of `key`; returns it.
    ///
    /// - Complexity: O(1) expected (two hashes: the key's and the moved last key's).
    @discardableResult
    mutating func remove(_ key: ByteString) -> Slot? {
        guard let (bucket, index) = find(key, tag: Self.tag(key)) else { return nil }
        let removed = self[slot: index]
        deleteBucket(bucket)
        let last = count - 1
        if index != last {
            let moved = self[slot: last]
            let tag = Self.tag(moved.key)
            var probe = Int(tag) & mask
            while UInt32(truncatingIfNeeded: buckets[probe]) != UInt32(last + 1) { probe = (probe + 1) & mask }
            buckets[probe] = UInt64(tag) << 32 | UInt64(index + 1)
            self[slot: index] = moved
        }
        segments[segments.count - 1].removeLast()
        if segments[segments.count - 1].isEmpty { segments.removeLast() }
        count -= 1
        if count == 0 {
            self = DenseTable()
        } else if buckets.count > 64 && count < buckets.count / 8 {
            // Give the index back, as Redis shrinks a dict under 10% full.
            rebuildIndex(buckets: buckets.count / 4)
        }
        return removed
    }

    /// Empties `bucket` and shifts back the entries after it that probed past it (linear
    /// probing needs no tombstones).
    private mutating func deleteBucket(_ bucket: Int) {
        let mask = self.mask
        var hole = bucket
        var next = (hole + 1) & mask
        while buckets[next] != 0 {
            let home = Int(UInt32(truncatingIfNeeded: buckets[next] >> 32)) & mask
            // The entry may fill the hole when its home is not cyclically in (hole, next].
            if (next - hole) & mask <= (next - home) & mask {
                buckets[hole] = buckets[next]
                hole = next
            }
            next = (next + 1) & mask
        }
        buckets[hole] = 0
    }

    private mutating func rebuildIndex(buckets size: Int) {
        var fresh = Self.zeroedIndex(size)
        let mask = size - 1
        for entry in buckets where entry != 0 {
            var bucket = Int(UInt32(truncatingIfNeeded: entry >> 32)) & mask
            while fresh[bucket] != 0 { bucket = (bucket + 1) & mask }
            fresh[bucket] = entry
        }
        buckets = fresh
    }

    /// An index of `size` empty buckets. A large one (a keyspace of a million keys has 16 MB)
    /// is read at random on every lookup, and the slot it names only after that read, so in
    /// 4 KB pages a lookup waits for two page walks and two cache misses in a row. It asks for
    /// transparent huge pages before its memory is first touched (Linux's default `madvise`
    /// mode grants them only when asked), which takes the index's page walk off the chain; the
    /// simulator never forks, so Redis's reason to avoid them (copy-on-write) does not apply.
    private static func zeroedIndex(_ size: Int) -> [UInt64] {
        guard size * MemoryLayout<UInt64>.stride >= 4 << 20 else { return [UInt64](repeating: 0, count: size) }
        return [UInt64](unsafeUninitializedCapacity: size) { buffer, initialized in
            #if canImport(Glibc)
            let hugePage = 2 << 20
            let first = Int(bitPattern: buffer.baseAddress), end = first + buffer.count * MemoryLayout<UInt64>.stride
            let alignedFirst = (first + hugePage - 1) & ~(hugePage - 1), alignedEnd = end & ~(hugePage - 1)
            if alignedEnd > alignedFirst {
                _ = madvise(UnsafeMutableRawPointer(bitPattern: alignedFirst), alignedEnd - alignedFirst, MADV_HUGEPAGE)
            }
            #endif
            buffer.initialize(repeating: 0)
            initialized = size
        }
    }

    /// Every slot, in slot order.
    var slots: [Slot] {
        var result: [Slot] = []
        result.reserveCapacity(count)
        for segment in segments { result.append(contentsOf: segment) }
        return result
    }

    /// Starts loading the index entry a lookup of a key with `tag` reads first. A lookup in a
    /// large table waits for that entry and then for the slot it names, two cache misses in a
    /// row; a caller that knows a key it will look up soon starts the first wait now.
    ///
    /// Mutating, though it changes nothing, so that it reads the table in place: called on a
    /// table inside a class, a non-mutating method gets a copy, a retain and a release of each
    /// array, which cost more than the miss.
    @inline(__always)
    mutating func prefetchBucket(tag: UInt32) {
        guard count > 0 else { return }
        let bucket = Int(tag) & mask
        buckets.withUnsafeBufferPointer { index in
            redislings_prefetch(index.baseAddress.unsafelyUnwrapped + bucket)
        }
    }

    /// Starts loading the slot a lookup of a key with `tag` would compare first, when its index
    /// entry (prefetched by `prefetchBucket` a little earlier) names one with that tag. Reads
    /// the index as it is now, so a table changed since stays safe to ask.
    @inline(__always)
    mutating func prefetchSlot(tag: UInt32) {
        guard count > 0 else { return }
        let entry = buckets.withUnsafeBufferPointer { $0[Int(tag) & mask] }
        guard entry != 0, UInt32(truncatingIfNeeded: entry >> 32) == tag else { return }
        let address = slotAddress(Int(UInt32(truncatingIfNeeded: entry)) - 1)
        redislings_prefetch(address)
        // A slot may straddle two cache lines.
        redislings_prefetch(address + (MemoryLayout<Slot>.size - 1))
    }

    /// Where slot `index` (0..<count) lies in memory, found without retaining its segment: the
    /// segment array's storage, past the storage's header (an object header, the count and
    /// the capacity, then the elements at their alignment). For prefetching only: a prefetch
    /// never faults, so a wrong address would cost a wasted hint, never a wrong result.
    @inline(__always)
    mutating func slotAddress(_ index: Int) -> UnsafeRawPointer {
        let storage = segments.withUnsafeBufferPointer { all in
            UnsafeRawPointer(all.baseAddress.unsafelyUnwrapped + (index >> Self.segmentShift)).load(as: UnsafeRawPointer.self)
        }
        let header = (4 * MemoryLayout<Int>.size + MemoryLayout<Slot>.alignment - 1) & ~(MemoryLayout<Slot>.alignment - 1)
        return storage + header + (index & Self.segmentMask) * MemoryLayout<Slot>.stride
    }

    /// Checks that `slotAddress` names each slot's own memory; the tests call it.
    mutating func checkPrefetchAddresses() {
        for index in 0..<count {
            let actual = segments[index >> Self.segmentShift].withUnsafeBufferPointer {
                UnsafeRawPointer($0.baseAddress.unsafelyUnwrapped + (index & Self.segmentMask))
            }
            precondition(slotAddress(index) == actual, "slot \(index) is not where prefetching looks")
        }
    }

    /// Checks that the index and the slots agree; the tests call it.
    func checkInvariants() {
        precondition(segments.reduce(0) { $0 + $1.count } == count)
        precondition(buckets.filter { $0 != 0 }.count == count)
        for index in 0..<count {
            let key = self[slot: index].key
            precondition(find(key, tag: Self.tag(key))?.slot == index, "slot \(index) is not indexed")
        }
    }
}

extension DenseTable: RandomAccessCollection {
    var startIndex: Int { 0 }
    var endIndex: Int { count }
    subscript(position: Int) -> Slot { self[slot: position] }
}
