/// Redis's `redisLrand48`: the 48-bit linear congruential generator behind `math.random`, the
/// same sequence on every platform. Like Redis's, its state lives as long as the server (SCRIPT
/// FLUSH keeps it) and only `math.randomseed` resets it.
struct Lrand48 {
    private var state: UInt64 = 0x1234_ABCD_330E

    /// Seeds as `redisSrand48`: the seed's 32 bits above 0x330E.
    mutating func seed(_ value: Int32) {
        state = (UInt64(UInt32(bitPattern: value)) << 16) | 0x330E
    }

    /// The next value in 0..<2^31.
    mutating func next() -> Int32 {
        state = (state &* 0x5_DEEC_E66D &+ 0xB) & 0xFFFF_FFFF_FFFF
        return Int32(truncatingIfNeeded: state >> 17)
    }

    /// `math.random`'s r in [0, 1): `(lrand48() % INT32_MAX) / INT32_MAX`.
    mutating func unit() -> Double {
        Double(next() % Int32.max) / Double(Int32.max)
    }
}
