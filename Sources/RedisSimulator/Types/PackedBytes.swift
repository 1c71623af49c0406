#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The element codec of the simulator's compact encodings (small hashes and sorted sets, stream
/// nodes), which keep many short strings in one byte buffer as Redis's listpacks do.
///
/// Redis's own listpack layout lives in `Persistence/Listpack.swift`, where RDB files need it
/// byte for byte; in memory the simulator needs no header and no back-lengths (reverse walks
/// collect offsets forward, over at most a node's entries), so an element here is a LEB128
/// varint header then, for text, its bytes: `length << 1` for text, `zigzag(n) << 1 | 1` for an
/// integer kept as a number.
enum PackedBytes {
    /// Appends `value` as a LEB128 varint (7 bits a byte, low first).
    @inline(__always)
    static func appendVarint(_ value: UInt64, to buffer: inout [UInt8]) {
        var v = value
        while v >= 0x80 {
            buffer.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        buffer.append(UInt8(v))
    }

    /// Writes `value` as `appendVarint` does at `target`; returns the bytes written.
    @inline(__always)
    @discardableResult
    static func writeVarint(_ value: UInt64, to target: UnsafeMutableRawPointer) -> Int {
        var v = value, written = 0
        while v >= 0x80 {
            target.storeBytes(of: UInt8(truncatingIfNeeded: v) | 0x80, toByteOffset: written, as: UInt8.self)
            v >>= 7
            written += 1
        }
        target.storeBytes(of: UInt8(v), toByteOffset: written, as: UInt8.self)
        return written + 1
    }

    /// Writes `text` as `appendText` does at `target` (`textSize(text)` bytes); returns the
    /// bytes written.
    @inline(__always)
    @discardableResult
    static func writeText(_ text: ByteString, to target: UnsafeMutableRawPointer) -> Int {
        text.withUnsafeBytes { raw in
            let header = writeVarint(UInt64(raw.count) << 1, to: target)
            if !raw.isEmpty { (target + header).copyMemory(from: raw.baseAddress!, byteCount: raw.count) }
            return header + raw.count
        }
    }

    /// The bytes `appendVarint` writes for `value`.
    @inline(__always)
    static func varintSize(_ value: UInt64) -> Int {
        var v = value, size = 1
        while v >= 0x80 { v >>= 7; size += 1 }
        return size
    }

    /// Reads a varint at `offset` and moves past it. The buffer is one this codec wrote.
    @inline(__always)
    static func readVarint(_ buffer: UnsafeRawBufferPointer, _ offset: inout Int) -> UInt64 {
        var value: UInt64 = 0, shift: UInt64 = 0
        while true {
            let byte = buffer[offset]
            offset += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    @inline(__always) static func zigzag(_ n: Int64) -> UInt64 { UInt64(bitPattern: (n << 1) ^ (n >> 63)) }
    @inline(__always) static func unzigzag(_ z: UInt64) -> Int64 { Int64(bitPattern: z >> 1) ^ -Int64(bitPattern: z & 1) }

    /// Appends `text` as a text element (never as an integer), so its bytes compare in place.
    static func appendText(_ text: ByteString, to buffer: inout [UInt8]) {
        text.withUnsafeBytes { raw in
            appendVarint(UInt64(raw.count) << 1, to: &buffer)
            // As typed bytes: appending a raw buffer copies byte by byte, a typed one in one move.
            raw.withMemoryRebound(to: UInt8.self) { buffer.append(contentsOf: $0) }
        }
    }

    /// Appends `element`, as an integer when its text is a canonical integer (Redis's
    /// string2ll: no sign but `-`, no leading zero, so its decimal text reads back the same)
    /// whose zigzag form leaves the header's low bit free, i.e. within ±2^62.
    static func appendElement(_ element: ByteString, to buffer: inout [UInt8]) {
        if let value = packedInteger(element) {
            appendVarint(zigzag(value) << 1 | 1, to: &buffer)
        } else {
            appendText(element, to: &buffer)
        }
    }

    /// The integer `appendElement` packs `element` as, or nil when it keeps it as text.
    @inline(__always)
    static func packedInteger(_ element: ByteString) -> Int64? {
        guard element.count <= 20, let value = element.int64Value, value.magnitude < 1 << 62 else { return nil }
        return value
    }

    /// The bytes `appendText` writes for `text`.
    static func textSize(_ text: ByteString) -> Int { varintSize(UInt64(text.count) << 1) + text.count }

    /// Reads the element at `offset` and moves past it.
    static func readElement(_ buffer: UnsafeRawBufferPointer, _ offset: inout Int) -> ByteString {
        let header = readVarint(buffer, &offset)
        if header & 1 == 1 { return decimal(unzigzag(header >> 1)) }
        let length = Int(header >> 1)
        defer { offset += length }
        return ByteString(copying: UnsafeRawBufferPointer(rebasing: buffer[offset..<(offset + length)]))
    }

    /// Moves past the element at `offset`.
    @inline(__always)
    static func skipElement(_ buffer: UnsafeRawBufferPointer, _ offset: inout Int) {
        let header = readVarint(buffer, &offset)
        if header & 1 == 0 { offset += Int(header >> 1) }
    }

    /// True when the text element at `offset` holds exactly `probe`'s bytes; moves past it.
    @inline(__always)
    static func textEquals(_ buffer: UnsafeRawBufferPointer, _ offset: inout Int, _ probe: UnsafeRawBufferPointer) -> Bool {
        let length = Int(readVarint(buffer, &offset) >> 1)
        defer { offset += length }
        guard length == probe.count else { return false }
        return length == 0 || memcmp(buffer.baseAddress! + offset, probe.baseAddress!, length) == 0
    }

    /// The text element at `offset`, without copying it; moves past it.
    @inline(__always)
    static func textBytes(_ buffer: UnsafeRawBufferPointer, _ offset: inout Int) -> UnsafeRawBufferPointer {
        let length = Int(readVarint(buffer, &offset) >> 1)
        defer { offset += length }
        return UnsafeRawBufferPointer(rebasing: buffer[offset..<(offset + length)])
    }

    /// Byte-wise order of two byte runs, as ByteString's `<` (Redis's memcmp, then length).
    @inline(__always)
    static func precedes(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        let common = min(a.count, b.count)
        if common > 0 {
            let order = memcmp(a.baseAddress!, b.baseAddress!, common)
            if order != 0 { return order < 0 }
        }
        return a.count < b.count
    }

    /// The decimal text of `value` without going through String.
    static func decimal(_ value: Int64) -> ByteString {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var magnitude = value.magnitude
            var index = 20
            repeat {
                index -= 1
                digits[index] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if value < 0 {
                index -= 1
                digits[index] = UInt8(ascii: "-")
            }
            return ByteString(copying: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(digits)[index...]))
        }
    }

    /// A copy of `buffer` with no spare capacity, for a buffer that will not grow again.
    static func trimmed(_ buffer: [UInt8]) -> [UInt8] {
        guard buffer.capacity > buffer.count else { return buffer }
        return [UInt8](unsafeUninitializedCapacity: buffer.count) { target, initialized in
            buffer.withUnsafeBytes { source in
                if !source.isEmpty { UnsafeMutableRawBufferPointer(target).copyMemory(from: source) }
            }
            initialized = buffer.count
        }
    }

    /// Makes room for `extra` more bytes, growing by an eighth rather than doubling: small
    /// values are many, and Redis reallocates its listpacks to the byte.
    @inline(__always)
    static func reserve(_ extra: Int, in buffer: inout [UInt8]) {
        let needed = buffer.count + extra
        guard buffer.capacity < needed else { return }
        buffer.reserveCapacity(needed + needed / 8)
    }
}
