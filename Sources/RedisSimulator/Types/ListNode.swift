#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One node of a list's quicklist: elements packed side by side as Redis packs a listpack, each
/// a `PackedBytes` element (integers kept as numbers) followed by its size as a back-length, so
/// the node walks from either end. Free room is kept before the first element as well as after
/// the last, so a push at either end is O(1) amortized instead of a move of the whole node.
struct ListNode {
    /// The storage; the elements occupy `bytes[start...]`, room before `start` is free.
    private(set) var bytes: [UInt8] = []
    private(set) var start: Int32 = 0
    /// The number of elements.
    private(set) var count: Int32 = 0

    /// The bytes of the elements (what Redis's list-max-listpack-size -2 measures).
    var size: Int { bytes.count - Int(start) }

    /// The bytes an element takes: header and text, then the back-length.
    static func encodedSize(_ element: ByteString, integer: Int64?) -> Int {
        let body = integer.map { PackedBytes.varintSize(PackedBytes.zigzag($0) << 1 | 1) } ?? PackedBytes.textSize(element)
        return body + PackedBytes.varintSize(UInt64(body))
    }

    /// The canonical integer an element is packed as, if any (as `PackedBytes.appendElement`).
    @inline(__always)
    static func packedInteger(_ element: ByteString) -> Int64? {
        // Most elements are text: one look at the first byte turns them away before parsing.
        let first = element.leadingByte
        guard first == UInt8(ascii: "-") || (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9")) else { return nil }
        guard element.count <= 20, let value = element.int64Value, value.magnitude < 1 << 62 else { return nil }
        return value
    }

    /// Writes an element of `size` bytes (from `encodedSize`) at `target`.
    private static func write(_ element: ByteString, integer: Int64?, size: Int, to target: UnsafeMutableRawPointer) {
        var p = target
        func put(_ byte: UInt8) { p.storeBytes(of: byte, as: UInt8.self); p += 1 }
        func varint(_ value: UInt64) {
            var v = value
            while v >= 0x80 { put(UInt8(truncatingIfNeeded: v) | 0x80); v >>= 7 }
            put(UInt8(v))
        }
        if let integer {
            varint(PackedBytes.zigzag(integer) << 1 | 1)
        } else {
            element.withUnsafeBytes { raw in
                varint(UInt64(raw.count) << 1)
                if !raw.isEmpty { p.copyMemory(from: raw.baseAddress!, byteCount: raw.count) }
                p += raw.count
            }
        }
        // The back-length, read from its last byte backwards: 7 bits a byte, low group last,
        // every byte but the first (highest) flagged.
        let body = p - target
        let groups = size - body
        // Short elements (bodies under 128 bytes) have a one-byte back-length.
        if groups == 1 {
            put(UInt8(truncatingIfNeeded: body))
            return
        }
        for group in stride(from: groups - 1, through: 0, by: -1) {
            let bits = UInt8(truncatingIfNeeded: body >> (7 * group)) & 0x7F
            put(group == groups - 1 ? bits : bits | 0x80)
        }
    }

    /// The start of the element that ends at `end` (after its back-length).
    @inline(__always)
    static func elementStart(_ buffer: UnsafeRawBufferPointer, endingAt end: Int) -> Int {
        var p = end, body = 0, shift = 0
        while true {
            p -= 1
            let byte = buffer[p]
            body |= Int(byte & 0x7F) << shift
            if byte & 0x80 == 0 { break }
            shift += 7
        }
        return p - body
    }

    /// Reads the element at `offset` and moves past it (back-length included).
    @inline(__always)
    static func read(_ buffer: UnsafeRawBufferPointer, _ offset: inout Int) -> ByteString {
        let start = offset
        let element = PackedBytes.readElement(buffer, &offset)
        offset += PackedBytes.varintSize(UInt64(offset - start))
        return element
    }

    /// Moves past the element at `offset`.
    @inline(__always)
    static func skip(_ buffer: UnsafeRawBufferPointer, _ offset: inout Int) {
        let start = offset
        PackedBytes.skipElement(buffer, &offset)
        offset += PackedBytes.varintSize(UInt64(offset - start))
    }

    /// True when the element at `offset` holds exactly `probe`'s bytes; moves past it.
    @inline(__always)
    static func matches(_ buffer: UnsafeRawBufferPointer, _ offset: inout Int, _ probe: ByteString, probeInteger: Int64?) -> Bool {
        let start = offset
        let header = PackedBytes.readVarint(buffer, &offset)
        var equal: Bool
        if header & 1 == 1 {
            equal = probeInteger.map { PackedBytes.zigzag($0) == header >> 1 } ?? false
        } else {
            let length = Int(header >> 1)
            equal = probeInteger == nil && length == probe.count && probe.withUnsafeBytes { raw in
                length == 0 || memcmp(buffer.baseAddress! + offset, raw.baseAddress!, length) == 0
            }
            offset += length
        }
        offset += PackedBytes.varintSize(UInt64(offset - start))
        return equal
    }

    /// An element with its packed form worked out once, for the list's room check and the write.
    struct Packed {
        let element: ByteString
        let integer: Int64?
        let size: Int

        init(_ element: ByteString) {
            self.element = element
            integer = ListNode.packedInteger(element)
            size = ListNode.encodedSize(element, integer: integer)
        }
    }

    /// Adds `element` after the last one.
    mutating func append(_ element: ByteString) { append(Packed(element)) }

    /// Adds a packed element after the last one.
    mutating func append(_ packed: Packed) {
        let size = packed.size
        PackedBytes.reserve(size, in: &bytes)
        let old = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: size))
        bytes.withUnsafeMutableBytes { Self.write(packed.element, integer: packed.integer, size: size, to: $0.baseAddress! + old) }
        count += 1
    }

    /// Adds a packed element before the first one, into the free room there (made when short:
    /// an eighth of the node, so a run of pushes moves each byte a bounded number of times).
    mutating func prepend(_ packed: Packed) {
        let size = packed.size
        if Int(start) < size { makeRoomBefore(size + max(16, self.size / 8)) }
        start -= Int32(size)
        let at = Int(start)
        bytes.withUnsafeMutableBytes { Self.write(packed.element, integer: packed.integer, size: size, to: $0.baseAddress! + at) }
        count += 1
    }

    /// Rebuilds the storage with at least `room` free bytes before the elements.
    private mutating func makeRoomBefore(_ room: Int) {
        let used = size
        let from = Int(start)
        let fresh = [UInt8](unsafeUninitializedCapacity: room + used) { target, initialized in
            UnsafeMutableRawBufferPointer(target).initializeMemory(as: UInt8.self, repeating: 0)
            if used > 0 {
                bytes.withUnsafeBytes { source in
                    UnsafeMutableRawPointer(target.baseAddress! + room).copyMemory(from: source.baseAddress! + from, byteCount: used)
                }
            }
            initialized = room + used
        }
        bytes = fresh
        start = Int32(room)
    }

    /// Removes and returns the first element.
    mutating func removeFirst() -> ByteString {
        var p = Int(start)
        let element = bytes.withUnsafeBytes { Self.read($0, &p) }
        start = Int32(p)
        count -= 1
        if count == 0 {
            self = ListNode()
        } else if Int(start) > max(64, size) {
            compact()
        }
        return element
    }

    /// Removes and returns the last element.
    mutating func removeLast() -> ByteString {
        let (element, from) = bytes.withUnsafeBytes { buffer -> (ByteString, Int) in
            let from = Self.elementStart(buffer, endingAt: buffer.count)
            var p = from
            return (Self.read(buffer, &p), from)
        }
        bytes.removeLast(bytes.count - from)
        count -= 1
        if count == 0 {
            self = ListNode()
        } else if bytes.capacity - bytes.count > max(64, size) {
            compact()
        }
        return element
    }

    /// Drops free room at both ends (a node that will not grow again, or shrank a lot).
    mutating func compact() {
        guard start > 0 || bytes.capacity > bytes.count else { return }
        let from = Int(start), used = size
        bytes = [UInt8](unsafeUninitializedCapacity: used) { target, initialized in
            if used > 0 {
                bytes.withUnsafeBytes { source in
                    UnsafeMutableRawBufferPointer(target).copyMemory(from: UnsafeRawBufferPointer(rebasing: source[from...]))
                }
            }
            initialized = used
        }
        start = 0
    }

    /// The byte offset of element `index` (0..<count), walking from the nearer end.
    func offset(of index: Int) -> Int {
        bytes.withUnsafeBytes { buffer in
            if index <= Int(count) / 2 {
                var p = Int(start)
                for _ in 0..<index { Self.skip(buffer, &p) }
                return p
            }
            var p = buffer.count
            for _ in index..<Int(count) { p = Self.elementStart(buffer, endingAt: p) }
            return p
        }
    }

    /// The element at `index` (0..<count).
    func element(at index: Int) -> ByteString {
        var p = offset(of: index)
        return bytes.withUnsafeBytes { Self.read($0, &p) }
    }

    /// Calls `body` with each element from `index` on, in order, until it returns false.
    func forEach(from index: Int = 0, _ body: (ByteString) -> Bool) {
        guard index < count else { return }
        var p = offset(of: index)
        bytes.withUnsafeBytes { buffer in
            while p < buffer.count {
                if !body(Self.read(buffer, &p)) { return }
            }
        }
    }

    /// Calls `body` with each element from `index` down to the first, until it returns false.
    func forEachReversed(from index: Int, _ body: (ByteString) -> Bool) {
        guard index >= 0 else { return }
        var p = offset(of: index)
        bytes.withUnsafeBytes { buffer in
            var end = p
            // `p` is the start of element `index`: step past it to walk backwards from its end.
            Self.skip(buffer, &end)
            p = end
            while p > Int(start) {
                let from = Self.elementStart(buffer, endingAt: p)
                var q = from
                if !body(Self.read(buffer, &q)) { return }
                p = from
            }
        }
    }

    /// Replaces the elements with `elements`, packed exactly.
    mutating func replaceAll(_ elements: some Sequence<ByteString>) {
        var fresh = ListNode()
        for element in elements { fresh.append(element) }
        fresh.compact()
        self = fresh
    }

    /// Every element, in order.
    var elements: [ByteString] {
        var result: [ByteString] = []
        result.reserveCapacity(Int(count))
        forEach { result.append($0); return true }
        return result
    }

    /// Checks that the elements walk the same from both ends and number `count`.
    func checkInvariants() {
        precondition(start >= 0 && Int(start) <= bytes.count)
        var forward: [ByteString] = []
        forEach { forward.append($0); return true }
        precondition(forward.count == Int(count), "a node counts \(count) elements and holds \(forward.count)")
        var backward: [ByteString] = []
        if count > 0 { forEachReversed(from: Int(count) - 1) { backward.append($0); return true } }
        precondition(backward.reversed() == forward, "a node walks differently backwards")
    }
}
