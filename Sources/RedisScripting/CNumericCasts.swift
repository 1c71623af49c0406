/// The conversions Redis's C libraries make with plain casts, reproduced as x86-64 builds of
/// Redis (GCC) perform them, since an out-of-range cast is undefined in C and Swift would trap.
enum CNumericCasts {
    private static let twoTo63 = 9_223_372_036_854_775_808.0

    /// `(int64_t)d`: cvttsd2si, which answers INT64_MIN for NaN and anything out of range.
    static func int64(_ d: Double) -> Int64 {
        guard !d.isNaN, d >= -twoTo63, d < twoTo63 else { return .min }
        return Int64(d)
    }

    /// `(int)d`: the 32-bit cvttsd2si, INT_MIN for NaN and anything out of range.
    static func int32(_ d: Double) -> Int32 {
        guard !d.isNaN, d > -2_147_483_649.0, d < 2_147_483_648.0 else { return .min }
        return Int32(d)
    }

    /// `(uint64_t)d`: below 2^63 (or NaN) the signed conversion; from 2^63 on, the signed
    /// conversion of `d - 2^63` with the top bit flipped.
    static func uint64(_ d: Double) -> UInt64 {
        if !(d >= twoTo63) { return UInt64(bitPattern: int64(d)) }
        return UInt64(bitPattern: int64(d - twoTo63)) ^ (1 << 63)
    }
}
