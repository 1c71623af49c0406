/// Counting and finding bits in a byte range, bit 0 being the most significant bit of byte 0.
enum BitScan {
    /// The number of set bits in `bytes[range]`.
    ///
    /// - Complexity: O(n), a word at a time.
    static func popcount(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Int {
        var total = 0
        var index = range.lowerBound
        while index + 8 <= range.upperBound {
            total += bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self).nonzeroBitCount
            index += 8
        }
        while index < range.upperBound {
            total += bytes[index].nonzeroBitCount
            index += 1
        }
        return total
    }

    /// Redis's redisBitpos: the position of the first bit equal to `bit` in `bytes`, counted from
    /// the first of them; -1 when looking for a 1 and there is none, and `8 * count` when looking
    /// for a 0 and every bit is set (the bit just past the end).
    ///
    /// - Complexity: O(n).
    static func firstBit(_ bit: Int, in bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Int {
        let skip: UInt8 = bit == 1 ? 0 : 0xFF
        var index = range.lowerBound
        while index + 8 <= range.upperBound, bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self) == (bit == 1 ? 0 : .max) {
            index += 8
        }
        while index < range.upperBound, bytes[index] == skip { index += 1 }
        guard index < range.upperBound else { return bit == 1 ? -1 : range.count * 8 }
        let byte = bytes[index]
        let inByte = bit == 1 ? byte.leadingZeroBitCount : (~byte).leadingZeroBitCount
        return (index - range.lowerBound) * 8 + inByte
    }
}
