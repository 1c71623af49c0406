/// Reads the ziplists of RDB files written before Redis 7.0 (list, hash and sorted-set nodes),
/// which 7.0 still loads and converts to listpacks.
enum ZiplistReader {
    static func elements(_ zl: [UInt8]) throws(RDBFormatError) -> [PackedElement] {
        guard zl.count >= 11 else { throw .corrupt("ziplist too short") }
        let total = Int(zl[0]) | Int(zl[1]) << 8 | Int(zl[2]) << 16 | Int(zl[3]) << 24
        guard total == zl.count, zl[zl.count - 1] == 0xFF else { throw .corrupt("ziplist header size mismatch") }
        let declared = Int(zl[8]) | Int(zl[9]) << 8
        var elements: [PackedElement] = []
        var p = 10
        let end = zl.count - 1
        func need(_ n: Int) throws(RDBFormatError) { if p + n > end { throw .corrupt("ziplist entry out of range") } }
        func littleEndian(_ n: Int) -> UInt64 {
            var v: UInt64 = 0
            for i in 0..<n { v |= UInt64(zl[p + i]) << (8 * UInt64(i)) }
            return v
        }
        func signExtended(_ v: UInt64, bits: UInt64) -> Int64 { Int64(bitPattern: v << (64 - bits)) >> Int64(64 - bits) }
        while p < end {
            try need(1)
            p += zl[p] == 0xFE ? 5 : 1   // the previous entry's length
            try need(1)
            let b = zl[p]
            switch b >> 6 {
            case 0:
                let n = Int(b & 0x3F); p += 1
                try need(n); elements.append(.text(Array(zl[p..<(p + n)]))); p += n
            case 1:
                try need(2)
                let n = Int(b & 0x3F) << 8 | Int(zl[p + 1]); p += 2
                try need(n); elements.append(.text(Array(zl[p..<(p + n)]))); p += n
            case 2:
                try need(5)
                let n = Int(zl[p + 1]) << 24 | Int(zl[p + 2]) << 16 | Int(zl[p + 3]) << 8 | Int(zl[p + 4]); p += 5
                try need(n); elements.append(.text(Array(zl[p..<(p + n)]))); p += n
            default:
                p += 1
                switch b {
                case 0xC0: try need(2); elements.append(.integer(signExtended(littleEndian(2), bits: 16))); p += 2
                case 0xD0: try need(4); elements.append(.integer(signExtended(littleEndian(4), bits: 32))); p += 4
                case 0xE0: try need(8); elements.append(.integer(Int64(bitPattern: littleEndian(8)))); p += 8
                case 0xF0: try need(3); elements.append(.integer(signExtended(littleEndian(3), bits: 24))); p += 3
                case 0xFE: try need(1); elements.append(.integer(Int64(Int8(bitPattern: zl[p])))); p += 1
                case 0xF1...0xFD: elements.append(.integer(Int64(b & 0x0F) - 1))
                default: throw .corrupt("unknown ziplist encoding")
                }
            }
        }
        guard declared == 65535 || declared == elements.count else { throw .corrupt("ziplist count mismatch") }
        return elements
    }
}

/// Redis's intset blob: the width of each integer (2, 4 or 8 bytes), the count, then the
/// integers in ascending order, all little-endian.
enum IntsetBlob {
    /// The blob of `integers`, which must be sorted and distinct.
    static func encode(_ integers: [Int64]) -> [UInt8] {
        let width: Int
        if integers.allSatisfy({ Int16(exactly: $0) != nil }) {
            width = 2
        } else if integers.allSatisfy({ Int32(exactly: $0) != nil }) {
            width = 4
        } else {
            width = 8
        }
        var out: [UInt8] = []
        out.reserveCapacity(8 + width * integers.count)
        appendLittleEndian(UInt64(width), 4, to: &out)
        appendLittleEndian(UInt64(integers.count), 4, to: &out)
        for value in integers { appendLittleEndian(UInt64(bitPattern: value), width, to: &out) }
        return out
    }

    /// The integers of a blob, checked to be well formed, sorted and distinct.
    static func decode(_ blob: [UInt8]) throws(RDBFormatError) -> [Int64] {
        guard blob.count >= 8 else { throw .corrupt("intset too short") }
        let width = Int(blob[0]) | Int(blob[1]) << 8 | Int(blob[2]) << 16 | Int(blob[3]) << 24
        let count = Int(blob[4]) | Int(blob[5]) << 8 | Int(blob[6]) << 16 | Int(blob[7]) << 24
        guard width == 2 || width == 4 || width == 8, blob.count == 8 + width * count, count > 0 else {
            throw .corrupt("intset size mismatch")
        }
        var values: [Int64] = []
        values.reserveCapacity(count)
        for i in 0..<count {
            var v: UInt64 = 0
            for b in 0..<width { v |= UInt64(blob[8 + i * width + b]) << (8 * UInt64(b)) }
            let bits = UInt64(width * 8)
            let value = Int64(bitPattern: v << (64 - bits)) >> Int64(64 - bits)
            if let last = values.last, last >= value { throw .corrupt("intset not sorted") }
            values.append(value)
        }
        return values
    }

    private static func appendLittleEndian(_ value: UInt64, _ bytes: Int, to out: inout [UInt8]) {
        for i in 0..<bytes { out.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(i)))) }
    }
}
