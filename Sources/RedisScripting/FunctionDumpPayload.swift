import RedisSimulator

/// FUNCTION DUMP's payload, as Redis writes it: for each library the RDB opcode FUNCTION2 (245)
/// and the library's code as an RDB string, then the RDB version (10 for Redis 7.0) in two
/// little-endian bytes and the CRC-64 of everything before it in eight. The RDB primitives
/// (strings, LZF, the checksum) are the simulator's, the ones DUMP and RDB files use.
enum FunctionDumpPayload {
    static let functionOpcode: UInt8 = 245
    static let preReleaseFunctionOpcode: UInt8 = 246
    static let rdbVersion: UInt16 = 10

    /// Why a payload could not be read: Redis's error texts.
    enum Failure: Error {
        case versionOrChecksum
        case message(String)
    }

    static func encode(_ codes: [[UInt8]]) -> [UInt8] {
        var out = RDBWriter()
        for code in codes {
            out.writeByte(functionOpcode)
            out.writeString(code)
        }
        out.writeLittleEndian(UInt64(rdbVersion), count: 2)
        out.writeLittleEndian(CRC64.checksum(out.bytes), count: 8)
        return out.bytes
    }

    /// The library codes in `payload`, in order.
    static func decode(_ payload: [UInt8]) throws(Failure) -> [[UInt8]] {
        guard payload.count >= 10 else { throw .versionOrChecksum }
        let versionAt = payload.count - 10
        let version = UInt16(payload[versionAt]) | UInt16(payload[versionAt + 1]) << 8
        guard version <= rdbVersion else { throw .versionOrChecksum }
        var stored: UInt64 = 0
        for i in 0..<8 { stored |= UInt64(payload[payload.count - 8 + i]) << UInt64(8 * i) }
        guard CRC64.checksum(payload[..<(payload.count - 8)]) == stored else { throw .versionOrChecksum }

        var reader = RDBReader(payload, end: versionAt)
        var codes: [[UInt8]] = []
        while !reader.isAtEnd {
            guard let type = try? reader.readByte() else { throw .message("can not read data type") }
            if type == preReleaseFunctionOpcode { throw .message("Pre-release function format not supported.") }
            guard type == functionOpcode else { throw .message("given type is not a function") }
            guard let code = try? reader.readString() else { throw .message("failed loading the given functions payload") }
            codes.append(code)
        }
        return codes
    }
}
