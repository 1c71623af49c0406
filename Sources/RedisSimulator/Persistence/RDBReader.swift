/// Reads the primitives of Redis's RDB format, never past the end of its bytes: a short or
/// malformed input throws instead of trapping.
public struct RDBReader {
    private let bytes: [UInt8]
    private(set) var position: Int
    private let end: Int

    /// A reader of `bytes` up to `end` (all of them by default).
    public init(_ bytes: [UInt8], end: Int? = nil) {
        self.bytes = bytes
        self.position = 0
        self.end = end ?? bytes.count
    }

    /// True once every byte is read.
    public var isAtEnd: Bool { position >= end }

    /// One byte.
    public mutating func readByte() throws(RDBFormatError) -> UInt8 {
        guard position < end else { throw .truncated }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func readRaw(_ count: Int) throws(RDBFormatError) -> [UInt8] {
        guard count >= 0, count <= end - position else { throw .truncated }
        defer { position += count }
        return Array(bytes[position..<(position + count)])
    }

    /// A length, or with `encoded` set the special string encoding (0 int8, 1 int16, 2 int32, 3 LZF).
    mutating func readLengthOrEncoding() throws(RDBFormatError) -> (value: UInt64, encoded: Bool) {
        let first = try readByte()
        switch first >> 6 {
        case 0: return (UInt64(first & 0x3F), false)
        case 1: return (UInt64(first & 0x3F) << 8 | UInt64(try readByte()), false)
        case 3: return (UInt64(first & 0x3F), true)
        default:
            let width: Int
            switch first {
            case 0x80: width = 4
            case 0x81: width = 8
            default: throw .corrupt("unknown length encoding")
            }
            var value: UInt64 = 0
            for byte in try readRaw(width) { value = value << 8 | UInt64(byte) }
            return (value, false)
        }
    }

    /// A plain length; a string encoding where a length belongs is corrupt.
    mutating func readLength() throws(RDBFormatError) -> UInt64 {
        let (value, encoded) = try readLengthOrEncoding()
        guard !encoded else { throw .corrupt("encoded value where a length was expected") }
        return value
    }

    /// A length that counts things held in memory, bounded by what the input could describe.
    mutating func readCount() throws(RDBFormatError) -> Int {
        let value = try readLength()
        guard value <= UInt64(end - position) else { throw .truncated }
        return Int(value)
    }

    /// A string in any of its encodings, integers as their decimal text.
    public mutating func readString() throws(RDBFormatError) -> [UInt8] {
        let (value, encoded) = try readLengthOrEncoding()
        guard encoded else {
            guard value <= UInt64(end - position) else { throw .truncated }
            return try readRaw(Int(value))
        }
        switch value {
        case 0: return Array(String(Int8(bitPattern: try readByte())).utf8)
        case 1: return Array(String(Int16(bitPattern: UInt16(try readLittleEndian(2)))).utf8)
        case 2: return Array(String(Int32(bitPattern: UInt32(try readLittleEndian(4)))).utf8)
        case 3:
            let compressed = try readLength()
            let length = try readLength()
            guard compressed <= UInt64(end - position), length <= 1 << 32 else { throw .truncated }
            let data = try readRaw(Int(compressed))
            guard let plain = LZF.decompress(data, length: Int(length)) else { throw .corrupt("invalid LZF compressed string") }
            return plain
        default: throw .corrupt("unknown string encoding")
        }
    }

    mutating func readLittleEndian(_ count: Int) throws(RDBFormatError) -> UInt64 {
        var value: UInt64 = 0
        for (i, byte) in try readRaw(count).enumerated() { value |= UInt64(byte) << (8 * UInt64(i)) }
        return value
    }

    mutating func readMilliseconds() throws(RDBFormatError) -> Int64 { Int64(bitPattern: try readLittleEndian(8)) }

    mutating func readBinaryDouble() throws(RDBFormatError) -> Double { Double(bitPattern: try readLittleEndian(8)) }

    /// A double of the pre-binary format: a length byte (253 nan, 254 inf, 255 -inf) and text.
    mutating func readTextDouble() throws(RDBFormatError) -> Double {
        let length = try readByte()
        switch length {
        case 253: return .nan
        case 254: return .infinity
        case 255: return -.infinity
        default:
            let text = try readRaw(Int(length))
            guard let value = Double(String(decoding: text, as: UTF8.self)) else { throw .corrupt("invalid double") }
            return value
        }
    }

    mutating func readRawStreamID() throws(RDBFormatError) -> StreamID {
        StreamID(ms: try Self.bigEndian(try readRaw(8)), seq: try Self.bigEndian(try readRaw(8)))
    }

    static func bigEndian(_ bytes: [UInt8]) throws(RDBFormatError) -> UInt64 {
        bytes.reduce(0) { $0 << 8 | UInt64($1) }
    }
}
