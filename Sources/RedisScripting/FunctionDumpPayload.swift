import RedisSimulator

/// FUNCTION DUMP's payload, as Redis writes it: for each library the RDB opcode FUNCTION2 (245)
/// and the library's code as an RDB string, then the RDB version (10 for Redis 7.0) in two
/// little-endian bytes and the CRC64 (Jones polynomial, as Redis's crc64) of everything before
/// it in eight. Strings are written plain; reading also takes Redis's LZF-compressed and
/// integer-encoded strings, so a dump from redis-server restores here.
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
        var out: [UInt8] = []
        for code in codes {
            out.append(functionOpcode)
            appendLength(code.count, to: &out)
            out += code
        }
        out += [UInt8(rdbVersion & 0xFF), UInt8(rdbVersion >> 8)]
        let crc = CRC64.checksum(out)
        for shift in stride(from: 0, to: 64, by: 8) { out.append(UInt8(truncatingIfNeeded: crc >> UInt64(shift))) }
        return out
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

        var reader = RDBReader(bytes: payload[..<versionAt])
        var codes: [[UInt8]] = []
        while !reader.isAtEnd {
            let type = reader.byte()
            guard let type else { throw .message("can not read data type") }
            if type == preReleaseFunctionOpcode { throw .message("Pre-release function format not supported.") }
            guard type == functionOpcode else { throw .message("given type is not a function") }
            guard let code = reader.string() else { throw .message("failed loading the given functions payload") }
            codes.append(code)
        }
        return codes
    }

    /// RDB's length encoding: 6 bits, 14 bits, or a 32/64-bit big-endian length.
    static func appendLength(_ length: Int, to out: inout [UInt8]) {
        if length < 1 << 6 {
            out.append(UInt8(length))
        } else if length < 1 << 14 {
            out += [UInt8(0x40 | (length >> 8)), UInt8(length & 0xFF)]
        } else if length <= Int(UInt32.max) {
            out.append(0x80)
            for shift in stride(from: 24, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: length >> shift)) }
        } else {
            out.append(0x81)
            for shift in stride(from: 56, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: length >> shift)) }
        }
    }
}

/// Reads RDB lengths and strings from a payload, never past its end.
struct RDBReader {
    let bytes: ArraySlice<UInt8>
    var position: Int

    init(bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        position = bytes.startIndex
    }

    var isAtEnd: Bool { position >= bytes.endIndex }

    mutating func byte() -> UInt8? {
        guard position < bytes.endIndex else { return nil }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func take(_ count: Int) -> ArraySlice<UInt8>? {
        guard count >= 0, bytes.endIndex - position >= count else { return nil }
        defer { position += count }
        return bytes[position..<(position + count)]
    }

    /// A length, or (`encoded` true) the special encoding number of an encoded string.
    mutating func length() -> (value: Int, encoded: Bool)? {
        guard let first = byte() else { return nil }
        switch first >> 6 {
        case 0: return (Int(first & 0x3F), false)
        case 1:
            guard let second = byte() else { return nil }
            return (Int(first & 0x3F) << 8 | Int(second), false)
        case 3: return (Int(first & 0x3F), true)
        default:
            let width: Int
            switch first {
            case 0x80: width = 4
            case 0x81: width = 8
            default: return nil
            }
            guard let raw = take(width) else { return nil }
            var value: UInt64 = 0
            for b in raw { value = value << 8 | UInt64(b) }
            guard value <= UInt64(Int.max) else { return nil }
            return (Int(value), false)
        }
    }

    /// An RDB string: plain, an integer (8, 16 or 32 bits) or LZF-compressed.
    mutating func string() -> [UInt8]? {
        guard let (value, encoded) = length() else { return nil }
        guard encoded else { return take(value).map(Array.init) }
        switch value {
        case 0, 1, 2:
            let width = 1 << value
            guard let raw = take(width) else { return nil }
            var number: UInt32 = 0
            for (offset, b) in raw.enumerated() { number |= UInt32(b) << UInt32(8 * offset) }
            let signed: Int64
            switch width {
            case 1: signed = Int64(Int8(truncatingIfNeeded: number))
            case 2: signed = Int64(Int16(truncatingIfNeeded: number))
            default: signed = Int64(Int32(truncatingIfNeeded: number))
            }
            return Array(String(signed).utf8)
        case 3:
            guard let (compressed, compressedEncoded) = length(), !compressedEncoded,
                  let (plain, plainEncoded) = length(), !plainEncoded,
                  let data = take(compressed) else { return nil }
            return LZF.decompress(data, expectedLength: plain)
        default:
            return nil
        }
    }
}

/// LZF decompression (the format of Redis's lzf_d.c): literal runs and back references.
enum LZF {
    static func decompress(_ input: ArraySlice<UInt8>, expectedLength: Int) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(expectedLength)
        var i = input.startIndex
        while i < input.endIndex {
            let control = Int(input[i])
            i += 1
            if control < 32 {
                let run = control + 1
                guard input.endIndex - i >= run, out.count + run <= expectedLength else { return nil }
                out += input[i..<(i + run)]
                i += run
            } else {
                var length = control >> 5
                if length == 7 {
                    guard i < input.endIndex else { return nil }
                    length += Int(input[i])
                    i += 1
                }
                guard i < input.endIndex else { return nil }
                let back = ((control & 0x1F) << 8) + Int(input[i]) + 1
                i += 1
                length += 2
                guard back <= out.count, out.count + length <= expectedLength else { return nil }
                let start = out.count - back
                for offset in 0..<length { out.append(out[start + offset]) }
            }
        }
        return out.count == expectedLength ? out : nil
    }
}

/// Redis's CRC64 (Jones polynomial, reflected, initial value 0).
enum CRC64 {
    static let table: [UInt64] = (0..<256).map { index in
        var crc = UInt64(index)
        for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0x95AC_9329_AC4B_C9B5 : crc >> 1 }
        return crc
    }

    static func checksum<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt64 {
        var crc: UInt64 = 0
        for byte in bytes { crc = table[Int((crc ^ UInt64(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc
    }
}
