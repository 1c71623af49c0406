/// Writes the primitives of Redis's RDB format (rdb.c's rdbSave* helpers): lengths, strings
/// (integer-encoded or LZF-compressed where Redis would), times and doubles.
public struct RDBWriter {
    /// What is written so far.
    public private(set) var bytes: [UInt8] = []
    /// `rdbcompression`: strings over 20 bytes are LZF-compressed when that saves 4 bytes or more.
    var compresses = true

    /// An empty writer that compresses as Redis does by default.
    public init() {}

    /// One byte (a type or opcode).
    public mutating func writeByte(_ byte: UInt8) { bytes.append(byte) }

    mutating func writeRaw(_ raw: some Sequence<UInt8>) { bytes.append(contentsOf: raw) }

    /// A length in its shortest form: 6 bits, 14 bits, 32 bits or 64 bits (big-endian).
    mutating func writeLength(_ length: UInt64) {
        if length < 1 << 6 {
            bytes.append(UInt8(length))
        } else if length < 1 << 14 {
            bytes += [UInt8(length >> 8) | 0x40, UInt8(truncatingIfNeeded: length)]
        } else if length <= UInt64(UInt32.max) {
            bytes.append(0x80)
            for shift in stride(from: 24, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: length >> UInt64(shift))) }
        } else {
            bytes.append(0x81)
            for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: length >> UInt64(shift))) }
        }
    }

    mutating func writeLength(_ length: Int) { writeLength(UInt64(length)) }

    /// A string as rdbSaveRawString writes it: a canonical integer of up to 11 characters that
    /// fits 32 bits as an integer encoding, else LZF when it pays, else length and bytes.
    public mutating func writeString(_ string: [UInt8]) {
        if string.count <= 11, let value = ByteString(string).int64Value, let small = Int32(exactly: value) {
            writeEncodedInteger(small)
            return
        }
        if compresses, string.count > 20, let compressed = LZF.compress(string, limit: string.count - 4) {
            bytes.append(0xC3)
            writeLength(compressed.count)
            writeLength(string.count)
            bytes += compressed
            return
        }
        writeLength(string.count)
        bytes += string
    }

    mutating func writeString(_ string: ByteString) { writeString(string.bytes) }

    private mutating func writeEncodedInteger(_ value: Int32) {
        let v = UInt32(bitPattern: value)
        if let byte = Int8(exactly: value) {
            bytes += [0xC0, UInt8(bitPattern: byte)]
        } else if Int16(exactly: value) != nil {
            bytes += [0xC1, UInt8(truncatingIfNeeded: v), UInt8(truncatingIfNeeded: v >> 8)]
        } else {
            bytes += [0xC2, UInt8(truncatingIfNeeded: v), UInt8(truncatingIfNeeded: v >> 8),
                      UInt8(truncatingIfNeeded: v >> 16), UInt8(truncatingIfNeeded: v >> 24)]
        }
    }

    /// A Unix time in milliseconds, 8 bytes little-endian (rdbSaveMillisecondTime).
    mutating func writeMilliseconds(_ value: Int64) { writeLittleEndian(UInt64(bitPattern: value), count: 8) }

    /// A double as its 8 IEEE bytes, little-endian (rdbSaveBinaryDoubleValue).
    mutating func writeBinaryDouble(_ value: Double) { writeLittleEndian(value.bitPattern, count: 8) }

    /// `count` bytes of `value`, least significant first (RDB versions, checksums).
    public mutating func writeLittleEndian(_ value: UInt64, count: Int) {
        for i in 0..<count { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(i)))) }
    }

    /// A stream id as a 128-bit big-endian number, as radix-tree keys and PELs store it.
    mutating func writeRawStreamID(_ id: StreamID) {
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: id.ms >> UInt64(shift))) }
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: id.seq >> UInt64(shift))) }
    }
}
