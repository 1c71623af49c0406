/// Integers of 1 to 64 bits stored at any bit offset of a string, most significant bit first
/// (the bit order SETBIT uses), and the overflow rules BITFIELD applies to them.
enum Bitfield {
    /// What BITFIELD does when a result does not fit: wrap around, saturate, or refuse.
    enum Overflow { case wrap, sat, fail }

    /// The unsigned value of `bits` bits at bit `offset`; bytes past the end read as zero.
    ///
    /// - Complexity: O(bits).
    static func unsigned(_ bytes: [UInt8], offset: UInt64, bits: Int) -> UInt64 {
        var value: UInt64 = 0
        var position = offset
        for _ in 0..<bits {
            let byte = Int(position >> 3)
            let bit = (byte < bytes.count ? bytes[byte] : 0) >> (7 - UInt8(position & 7)) & 1
            value = value << 1 | UInt64(bit)
            position += 1
        }
        return value
    }

    /// The signed (two's complement) value of `bits` bits at bit `offset`.
    static func signed(_ bytes: [UInt8], offset: UInt64, bits: Int) -> Int64 {
        var value = unsigned(bytes, offset: offset, bits: bits)
        if bits < 64, value & (1 << UInt64(bits - 1)) != 0 { value |= UInt64.max << UInt64(bits) }
        return Int64(bitPattern: value)
    }

    /// Writes the low `bits` bits of `value` at bit `offset` (the bytes must already be long enough).
    static func set(_ bytes: inout [UInt8], offset: UInt64, bits: Int, value: UInt64) {
        var position = offset
        for j in 0..<bits {
            let bit = UInt8(truncatingIfNeeded: value >> UInt64(bits - 1 - j) & 1)
            let byte = Int(position >> 3)
            let shift = 7 - UInt8(position & 7)
            bytes[byte] = bytes[byte] & ~(1 << shift) | bit << shift
            position += 1
        }
    }

    /// Redis's checkUnsignedBitfieldOverflow: 0 when `value + increment` fits in `bits` unsigned
    /// bits, 1 on overflow, -1 on underflow, with the value the overflow rule gives instead.
    static func checkUnsigned(_ value: UInt64, _ increment: Int64, bits: Int, _ rule: Overflow) -> (direction: Int, limit: UInt64) {
        let max: UInt64 = bits == 64 ? .max : (1 << UInt64(bits)) - 1
        let maxIncrement = Int64(bitPattern: max &- value)
        let minIncrement = Int64(bitPattern: 0 &- value)
        let wrapped = (value &+ UInt64(bitPattern: increment)) & ~(bits == 64 ? 0 : UInt64.max << UInt64(bits))
        if value > max || (increment > 0 && increment > maxIncrement) {
            return (1, rule == .sat ? max : wrapped)
        }
        if increment < 0 && increment < minIncrement {
            return (-1, rule == .sat ? 0 : wrapped)
        }
        return (0, 0)
    }

    /// Redis's checkSignedBitfieldOverflow, for `bits`-bit two's complement integers.
    static func checkSigned(_ value: Int64, _ increment: Int64, bits: Int, _ rule: Overflow) -> (direction: Int, limit: Int64) {
        let max: Int64 = bits == 64 ? .max : (1 << Int64(bits - 1)) - 1
        let min = -max - 1
        let maxIncrement = Int64(bitPattern: UInt64(bitPattern: max) &- UInt64(bitPattern: value))
        let minIncrement = min &- value
        var sum = UInt64(bitPattern: value) &+ UInt64(bitPattern: increment)
        if bits < 64 {
            let mask = UInt64.max << UInt64(bits)
            sum = sum & (1 << UInt64(bits - 1)) != 0 ? sum | mask : sum & ~mask
        }
        let wrapped = Int64(bitPattern: sum)
        if value > max || (bits != 64 && increment > maxIncrement) || (value >= 0 && increment > 0 && increment > maxIncrement) {
            return (1, rule == .sat ? max : wrapped)
        }
        if value < min || (bits != 64 && increment < minIncrement) || (value < 0 && increment < 0 && increment < minIncrement) {
            return (-1, rule == .sat ? min : wrapped)
        }
        return (0, 0)
    }
}
