/// Redis's HyperLogLog, kept as Redis keeps it: a string value whose bytes are Redis's own
/// layout, so GET returns what redis-server returns and a value SET from redis-server's bytes
/// works here.
///
/// Layout: "HYLL", an encoding byte (0 dense, 1 sparse), three unused bytes, then the cached
/// cardinality in 8 little-endian bytes (its top bit set when stale), then the registers:
/// 16384 registers of 6 bits packed least significant bit first (dense, 12,288 bytes), or
/// run-length opcodes (sparse: ZERO `00xxxxxx`, XZERO `01xxxxxx xxxxxxxx`, VAL `1vvvvvxx`).
enum HyperLogLog {
    static let headerSize = 16
    /// Bits of the hash that select a register.
    static let precision = 14
    static let registerCount = 1 << precision
    /// Bits of the hash left to count leading zeros in (64 - precision).
    static let q = 64 - precision
    static let registerBits = 6
    static let registerMax: UInt8 = 63
    /// The exact length of a dense value.
    static let denseSize = headerSize + (registerCount * registerBits + 7) / 8
    static let dense: UInt8 = 0
    static let sparse: UInt8 = 1

    /// Redis's error for a value whose registers cannot be read.
    static let corrupted = RedisError("INVALIDOBJ Corrupted HLL object detected")
    /// Redis's error for a string that is not a HyperLogLog.
    static let notHyperLogLog = RedisError("WRONGTYPE Key is not a valid HyperLogLog string value.")

    /// A new, empty value: sparse, one XZERO opcode covering every register.
    static func empty() -> [UInt8] {
        var bytes = Array("HYLL".utf8) + [sparse, 0, 0, 0] + [UInt8](repeating: 0, count: 8)
        appendZeroRun(registerCount, to: &bytes)
        return bytes
    }

    /// True when `bytes` pass Redis's checks (isHLLObjectOrReply): the magic, a known encoding,
    /// and a dense value's exact length. Sparse opcodes are only checked as they are read.
    static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count >= headerSize,
            bytes[0] == UInt8(ascii: "H"), bytes[1] == UInt8(ascii: "Y"),
            bytes[2] == UInt8(ascii: "L"), bytes[3] == UInt8(ascii: "L"), bytes[4] <= sparse
        else { return false }
        return bytes[4] != dense || bytes.count == denseSize
    }

    /// The cached cardinality, or nil when it is stale.
    static func cachedCardinality(_ bytes: [UInt8]) -> UInt64? {
        guard bytes[15] & 0x80 == 0 else { return nil }
        var value: UInt64 = 0
        for i in 0..<8 { value |= UInt64(bytes[8 + i]) << UInt64(8 * i) }
        return value
    }

    /// Stores `value` as the cached cardinality.
    static func cacheCardinality(_ value: UInt64, in bytes: inout [UInt8]) {
        for i in 0..<8 { bytes[8 + i] = UInt8(truncatingIfNeeded: value >> UInt64(8 * i)) }
    }

    /// Marks the cached cardinality stale.
    static func invalidateCache(_ bytes: inout [UInt8]) { bytes[15] |= 0x80 }

    /// The register an element updates and the value it offers: the number of the hash's
    /// trailing zero bits above the index bits, plus one.
    static func registerAndCount(for element: ByteString) -> (index: Int, count: UInt8) {
        let hash = element.withUnsafeBytes { MurmurHash64A.hash($0, seed: 0xadc8_3b19) }
        let index = Int(hash & UInt64(registerCount - 1))
        let rest = hash >> UInt64(precision) | 1 << UInt64(q)
        return (index, UInt8(rest.trailingZeroBitCount + 1))
    }

    /// Adds `element`: 1 when a register grew, 0 when none did, -1 when the value is corrupted.
    static func add(_ element: ByteString, to bytes: inout [UInt8], sparseMaxBytes: Int) -> Int {
        let (index, count) = registerAndCount(for: element)
        return setRegister(index, atLeast: count, in: &bytes, sparseMaxBytes: sparseMaxBytes)
    }

    /// Raises register `index` to `count` in either encoding: 1 when it grew, 0 when it was
    /// already that high, -1 when the value is corrupted.
    static func setRegister(_ index: Int, atLeast count: UInt8, in bytes: inout [UInt8], sparseMaxBytes: Int) -> Int {
        switch bytes[4] {
        case dense: return denseSet(&bytes, index, count) ? 1 : 0
        case sparse: return sparseSet(&bytes, index, count, sparseMaxBytes: sparseMaxBytes)
        default: return -1
        }
    }

    static func appendZeroRun(_ length: Int, to bytes: inout [UInt8]) {
        var left = length
        while left > 0 {
            let run = min(left, sparseXZeroMaxLength)
            bytes += xzeroOpcode(run)
            left -= run
        }
    }
}
