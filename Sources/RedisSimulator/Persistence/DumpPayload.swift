/// DUMP's serialization: the value as in an RDB file, then the RDB version (2 bytes) and a
/// CRC-64 of everything before it (8 bytes), both little-endian (Redis's createDumpPayload).
enum DumpPayload {
    /// The payload of `value`.
    static func make(_ value: RedisValue, encoder: RDBValueEncoder = RDBValueEncoder()) -> [UInt8] {
        var out = RDBWriter()
        encoder.write(value, to: &out)
        out.writeLittleEndian(UInt64(rdbVersion), count: 2)
        let crc = CRC64.checksum(out.bytes)
        out.writeLittleEndian(crc, count: 8)
        return out.bytes
    }

    /// True when the footer names an RDB version this server reads and the checksum matches
    /// (Redis's verifyDumpPayload).
    static func isValid(_ payload: [UInt8]) -> Bool {
        guard payload.count >= 10 else { return false }
        let footer = payload.count - 10
        let version = UInt16(payload[footer]) | UInt16(payload[footer + 1]) << 8
        guard version <= rdbVersion else { return false }
        var crc: UInt64 = 0
        for i in 0..<8 { crc |= UInt64(payload[footer + 2 + i]) << (8 * UInt64(i)) }
        return CRC64.checksum(payload[..<(payload.count - 8)]) == crc
    }

    /// The value in a payload already checked with `isValid`, converted by `limits`.
    static func value(of payload: [UInt8], limits: EncodingLimits) throws(RDBFormatError) -> RedisValue {
        var reader = RDBReader(payload, end: payload.count - 10)
        let type = try reader.readByte()
        return try RDBValueDecoder.read(type: type, from: &reader, limits: limits)
    }
}
