/// One node of a stream's entry log, packed as Redis packs a stream listpack: entries side by
/// side in one byte buffer, each id a delta from the node's master id (the first id it was
/// given), field names omitted when they are the master entry's, integer values as numbers.
///
/// An entry is a varint `msDelta << 2 | absolute << 1 | sameFields` (with `absolute`, for a
/// delta too large to shift, the milliseconds follow whole as a varint), a varint sequence (a
/// delta from the master's when the milliseconds are the master's), then, with `sameFields`, one element per
/// master field (the values), else a varint element count and the fields and values
/// alternating. Deleted entries are cut out of the buffer; the master stays, as in Redis.
struct StreamNode {
    /// The id deltas are taken from.
    let master: StreamID
    /// The master entry's field names.
    let masterFields: [ByteString]
    /// The packed live entries, in id order.
    private(set) var data: [UInt8] = []
    /// The live entries.
    private(set) var count: Int32 = 0
    /// Entries ever appended, deleted ones included (a node takes no more appends once this
    /// reaches the capacity, as a full listpack).
    private(set) var slots: Int32 = 0
    /// The id of the last live entry.
    private(set) var lastID: StreamID

    /// A node whose first (master) entry is `id` with `fields` (field/value pairs, flattened).
    init(id: StreamID, fields: ArraySlice<ByteString>) {
        master = id
        lastID = id
        let base = fields.startIndex
        masterFields = fields.count % 2 == 0 ? stride(from: 0, to: fields.count, by: 2).map { fields[base + $0] } : []
        append(id: id, fields: fields)
    }

    /// Appends the entry `id`, above every id in the node, with `fields` (XADD's arguments as
    /// they came, not copied into an entry first).
    /// - Complexity: O(size of the entry), amortized.
    mutating func append(id: StreamID, fields: ArraySlice<ByteString>) {
        let base = fields.startIndex
        var same = fields.count == 2 * masterFields.count
        if same {
            for i in masterFields.indices where fields[base + 2 * i] != masterFields[i] {
                same = false
                break
            }
        }
        let msDelta = id.ms - master.ms
        let seq = msDelta == 0 ? id.seq - master.seq : id.seq
        let shifted = msDelta < Self.largestShiftedDelta
        var room = 2 * PackedBytes.varintSize(msDelta) + PackedBytes.varintSize(seq) + 10
        for field in fields { room += field.count + 10 }
        PackedBytes.reserve(room, in: &data)
        PackedBytes.appendVarint((shifted ? msDelta << 2 : 2) | (same ? 1 : 0), to: &data)
        if !shifted { PackedBytes.appendVarint(id.ms, to: &data) }
        PackedBytes.appendVarint(seq, to: &data)
        if !same { PackedBytes.appendVarint(UInt64(fields.count), to: &data) }
        // With the master's fields only the values are kept: every other argument from the first value.
        for i in stride(from: same ? base + 1 : base, to: fields.endIndex, by: same ? 2 : 1) {
            PackedBytes.appendElement(fields[i], to: &data)
        }
        count += 1
        slots += 1
        lastID = id
    }

    /// Deltas from here on are written whole rather than shifted past their top bits.
    static let largestShiftedDelta: UInt64 = 1 << 61

    /// Drops spare capacity once the node takes no more appends.
    mutating func seal() { data = PackedBytes.trimmed(data) }

    /// Calls `body` with the buffer.
    @inline(__always)
    func withBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R { data.withUnsafeBytes(body) }

    /// The id of the entry at `offset`, and the offset of the next one.
    @inline(__always)
    func id(at offset: Int, in buffer: UnsafeRawBufferPointer) -> (id: StreamID, next: Int) {
        var p = offset
        let (header, id) = Self.readHeader(buffer, &p, master: master)
        if header & 1 == 1 {
            for _ in 0..<masterFields.count { PackedBytes.skipElement(buffer, &p) }
        } else {
            let elements = PackedBytes.readVarint(buffer, &p)
            for _ in 0..<elements { PackedBytes.skipElement(buffer, &p) }
        }
        return (id, p)
    }

    /// Reads an entry's header and id.
    @inline(__always)
    private static func readHeader(_ buffer: UnsafeRawBufferPointer, _ p: inout Int, master: StreamID) -> (UInt64, StreamID) {
        let header = PackedBytes.readVarint(buffer, &p)
        let ms = header & 2 == 0 ? master.ms + (header >> 2) : PackedBytes.readVarint(buffer, &p)
        let seqPart = PackedBytes.readVarint(buffer, &p)
        return (header, StreamID(ms: ms, seq: ms == master.ms ? master.seq + seqPart : seqPart))
    }

    /// The whole entry at `offset`.
    func entry(at offset: Int, in buffer: UnsafeRawBufferPointer) -> StreamEntry {
        var p = offset
        let (header, id) = Self.readHeader(buffer, &p, master: master)
        var fields: [ByteString] = []
        if header & 1 == 1 {
            fields.reserveCapacity(2 * masterFields.count)
            for field in masterFields {
                fields.append(field)
                fields.append(PackedBytes.readElement(buffer, &p))
            }
        } else {
            let elements = Int(PackedBytes.readVarint(buffer, &p))
            fields.reserveCapacity(elements)
            for _ in 0..<elements { fields.append(PackedBytes.readElement(buffer, &p)) }
        }
        return StreamEntry(id: id, fields: fields)
    }

    /// The offsets at which entries start, in order.
    func offsets() -> [Int] {
        withBytes { buffer in
            var result: [Int] = []
            result.reserveCapacity(Int(count))
            var p = 0
            while p < buffer.count {
                result.append(p)
                p = id(at: p, in: buffer).next
            }
            return result
        }
    }

    /// The offset of the first entry whose id is ≥ `target` (the end when none is), and that
    /// entry's id.
    /// - Complexity: O(entries in the node).
    func offset(atOrAfter target: StreamID) -> (offset: Int, id: StreamID?) {
        withBytes { buffer in
            var p = 0
            while p < buffer.count {
                let (id, next) = id(at: p, in: buffer)
                if !(id < target) { return (p, id) }
                p = next
            }
            return (p, nil)
        }
    }

    /// The first live entry.
    var first: StreamEntry { withBytes { entry(at: 0, in: $0) } }

    /// The id of the first live entry.
    var firstID: StreamID { withBytes { id(at: 0, in: $0).id } }

    /// The last live entry.
    var last: StreamEntry {
        let start = offsets().last!
        return withBytes { entry(at: start, in: $0) }
    }

    /// Removes the entry starting at `offset`; the node must keep at least one other.
    mutating func removeEntry(at offset: Int) {
        let next = withBytes { id(at: offset, in: $0).next }
        let wasLast = next == data.count
        data.removeSubrange(offset..<next)
        count -= 1
        if wasLast, count > 0 { lastID = withBytes { id(at: offsets().last!, in: $0).id } }
    }

    /// Removes the first `entries` live entries; the node must keep at least one.
    mutating func removeFirst(_ entries: Int) {
        guard entries > 0 else { return }
        let end = withBytes { buffer in
            var p = 0
            for _ in 0..<entries { p = id(at: p, in: buffer).next }
            return p
        }
        data.removeSubrange(0..<end)
        count -= Int32(entries)
    }
}
