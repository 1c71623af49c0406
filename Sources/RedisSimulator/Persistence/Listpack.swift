/// Redis's listpack: the compact encoding of small hashes, sorted sets, list nodes and stream
/// nodes, written into RDB files and DUMP payloads byte for byte as listpack.c lays it out.
struct ListpackWriter {
    /// The encoded entries, without header or end byte.
    fileprivate(set) var body: [UInt8] = []
    /// How many entries are encoded.
    fileprivate(set) var count = 0

    /// Appends `element`, as an integer entry when its text is a canonical integer (lpAppend).
    mutating func append(_ element: ByteString) {
        if let value = element.int64Value { append(value) } else { appendText(element.bytes) }
    }

    /// Appends an integer entry in its smallest encoding (lpAppendInteger).
    mutating func append(_ value: Int64) {
        let start = body.count
        switch value {
        case 0...127:
            body.append(UInt8(value))
        case -4096...4095:
            let v = UInt64(bitPattern: value < 0 ? (1 << 13) + value : value)
            body += [UInt8(truncatingIfNeeded: v >> 8) | 0xC0, UInt8(truncatingIfNeeded: v)]
        case -32768...32767:
            body.append(0xF1); appendLittleEndian(UInt64(bitPattern: value), bytes: 2)
        case -8_388_608...8_388_607:
            body.append(0xF2); appendLittleEndian(UInt64(bitPattern: value), bytes: 3)
        case -2_147_483_648...2_147_483_647:
            body.append(0xF3); appendLittleEndian(UInt64(bitPattern: value), bytes: 4)
        default:
            body.append(0xF4); appendLittleEndian(UInt64(bitPattern: value), bytes: 8)
        }
        finishEntry(from: start)
    }

    private mutating func appendText(_ bytes: [UInt8]) {
        let start = body.count
        let length = bytes.count
        if length < 64 {
            body.append(0x80 | UInt8(length))
        } else if length < 4096 {
            body += [0xE0 | UInt8(length >> 8), UInt8(truncatingIfNeeded: length)]
        } else {
            body.append(0xF0); appendLittleEndian(UInt64(length), bytes: 4)
        }
        body += bytes
        finishEntry(from: start)
    }

    private mutating func appendLittleEndian(_ value: UInt64, bytes: Int) {
        for i in 0..<bytes { body.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(i)))) }
    }

    /// Writes the entry's back-length (its size read backwards, 7 bits a byte).
    private mutating func finishEntry(from start: Int) {
        let length = UInt64(body.count - start)
        switch length {
        case ...127: body.append(UInt8(length))
        case ..<16383: body += [UInt8(length >> 7), UInt8(length & 127) | 128]
        case ..<2_097_151: body += [UInt8(length >> 14), UInt8((length >> 7) & 127) | 128, UInt8(length & 127) | 128]
        case ..<268_435_455:
            body += [UInt8(length >> 21), UInt8((length >> 14) & 127) | 128, UInt8((length >> 7) & 127) | 128,
                     UInt8(length & 127) | 128]
        default:
            body += [UInt8(truncatingIfNeeded: length >> 28), UInt8((length >> 21) & 127) | 128,
                     UInt8((length >> 14) & 127) | 128, UInt8((length >> 7) & 127) | 128, UInt8(length & 127) | 128]
        }
        count += 1
    }

    /// The size the finished listpack will have: header, entries and end byte.
    var byteCount: Int { 6 + body.count + 1 }

    /// The finished listpack: total size and entry count (65535 when too many to say), entries, 0xFF.
    var bytes: [UInt8] {
        let total = UInt32(truncatingIfNeeded: byteCount)
        let entries = UInt16(clamping: count)
        var out: [UInt8] = []
        out.reserveCapacity(byteCount)
        out += [UInt8(truncatingIfNeeded: total), UInt8(truncatingIfNeeded: total >> 8),
                UInt8(truncatingIfNeeded: total >> 16), UInt8(truncatingIfNeeded: total >> 24),
                UInt8(truncatingIfNeeded: entries), UInt8(truncatingIfNeeded: entries >> 8)]
        out += body
        out.append(0xFF)
        return out
    }
}

/// One element of a listpack or ziplist as stored: text or an integer.
enum PackedElement: Equatable {
    case text([UInt8])
    case integer(Int64)

    /// The element as Redis hands it to commands (integers as their decimal text).
    var byteString: ByteString {
        switch self {
        case .text(let bytes): return ByteString(bytes)
        case .integer(let value): return ByteString(value)
        }
    }

    /// The integer value, if it is one or its text is a canonical integer.
    var integerValue: Int64? {
        switch self {
        case .integer(let value): return value
        case .text(let bytes): return ByteString(bytes).int64Value
        }
    }
}

/// Reads every element of a listpack, checking its header, each entry's bounds and back-length.
enum ListpackReader {
    static func elements(_ lp: [UInt8]) throws(RDBFormatError) -> [PackedElement] {
        guard lp.count >= 7 else { throw .corrupt("listpack too short") }
        let total = Int(lp[0]) | Int(lp[1]) << 8 | Int(lp[2]) << 16 | Int(lp[3]) << 24
        guard total == lp.count, lp[lp.count - 1] == 0xFF else { throw .corrupt("listpack header size mismatch") }
        let declared = Int(lp[4]) | Int(lp[5]) << 8
        var elements: [PackedElement] = []
        var p = 6
        let end = lp.count - 1
        func need(_ n: Int) throws(RDBFormatError) { if p + n > end { throw .corrupt("listpack entry out of range") } }
        func littleEndian(_ n: Int) -> UInt64 {
            var v: UInt64 = 0
            for i in 0..<n { v |= UInt64(lp[p + i]) << (8 * UInt64(i)) }
            return v
        }
        func signExtended(_ v: UInt64, bits: UInt64) -> Int64 {
            let shift = 64 - bits
            return Int64(bitPattern: v << shift) >> Int64(shift)
        }
        while p < end {
            let start = p
            let b = lp[p]
            if b & 0x80 == 0 {
                elements.append(.integer(Int64(b))); p += 1
            } else if b & 0xC0 == 0x80 {
                let n = Int(b & 0x3F); p += 1
                try need(n); elements.append(.text(Array(lp[p..<(p + n)]))); p += n
            } else if b & 0xE0 == 0xC0 {
                try need(2)
                let v = UInt64(b & 0x1F) << 8 | UInt64(lp[p + 1])
                elements.append(.integer(signExtended(v, bits: 13))); p += 2
            } else if b & 0xF0 == 0xE0 {
                try need(2)
                let n = Int(b & 0x0F) << 8 | Int(lp[p + 1]); p += 2
                try need(n); elements.append(.text(Array(lp[p..<(p + n)]))); p += n
            } else {
                p += 1
                switch b {
                case 0xF0:
                    try need(4)
                    let n = Int(littleEndian(4)); p += 4
                    try need(n); elements.append(.text(Array(lp[p..<(p + n)]))); p += n
                case 0xF1: try need(2); elements.append(.integer(signExtended(littleEndian(2), bits: 16))); p += 2
                case 0xF2: try need(3); elements.append(.integer(signExtended(littleEndian(3), bits: 24))); p += 3
                case 0xF3: try need(4); elements.append(.integer(signExtended(littleEndian(4), bits: 32))); p += 4
                case 0xF4: try need(8); elements.append(.integer(Int64(bitPattern: littleEndian(8)))); p += 8
                default: throw .corrupt("unknown listpack encoding")
                }
            }
            // The back-length must give the entry's size, or reverse walks would go astray.
            let size = p - start
            let backLength = size <= 127 ? 1 : size < 16383 ? 2 : size < 2_097_151 ? 3 : size < 268_435_455 ? 4 : 5
            try need(backLength)
            var decoded = 0
            for i in 0..<backLength { decoded = decoded << 7 | Int(lp[p + i] & 127) }
            guard decoded == size else { throw .corrupt("listpack back-length mismatch") }
            p += backLength
        }
        guard declared == 65535 || declared == elements.count else { throw .corrupt("listpack count mismatch") }
        return elements
    }
}

extension ListpackWriter {
    /// Appends the already encoded entries of `other`.
    mutating func appendEncoded(_ other: ListpackWriter) {
        body += other.body
        count += other.count
    }
}
