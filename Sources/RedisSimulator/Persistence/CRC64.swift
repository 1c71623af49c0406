/// Redis's CRC-64 (the "Jones" polynomial, reflected, no final xor), which DUMP payloads and RDB
/// files end with. `checksum("123456789")` is 0xe9c6d914c4b8d9ca, the check value Redis tests.
public enum CRC64 {
    /// The checksum of `bytes`, continuing from `crc` (0 to start).
    ///
    /// - Complexity: O(n), a table lookup per byte.
    public static func checksum(_ bytes: some Sequence<UInt8>, continuing crc: UInt64 = 0) -> UInt64 {
        var crc = crc
        for byte in bytes {
            crc = table[Int(UInt8(truncatingIfNeeded: crc) ^ byte)] ^ (crc >> 8)
        }
        return crc
    }

    /// The reflected polynomial 0xad93d23594c935a9.
    private static let reflectedPolynomial: UInt64 = 0x95ac_9329_ac4b_c9b5

    private static let table: [UInt64] = (0..<256).map { index in
        var crc = UInt64(index)
        for _ in 0..<8 {
            crc = crc & 1 == 1 ? (crc >> 1) ^ reflectedPolynomial : crc >> 1
        }
        return crc
    }
}
