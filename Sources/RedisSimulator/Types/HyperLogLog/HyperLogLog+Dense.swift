/// The dense encoding: 16384 registers of 6 bits after the header, least significant bit first.
extension HyperLogLog {
    /// Register `index` of a dense value (header included in `bytes`).
    static func denseRegister(_ bytes: [UInt8], _ index: Int) -> UInt8 {
        let bit = index * registerBits
        let byte = headerSize + bit / 8, shift = bit & 7
        let low = Int(bytes[byte]) >> shift
        let high = byte + 1 < bytes.count ? Int(bytes[byte + 1]) << (8 - shift) : 0
        return UInt8((low | high) & Int(registerMax))
    }

    /// Sets register `index` of a dense value to `value`.
    static func writeDenseRegister(_ bytes: inout [UInt8], _ index: Int, _ value: UInt8) {
        let bit = index * registerBits
        let byte = headerSize + bit / 8, shift = bit & 7
        bytes[byte] = bytes[byte] & ~UInt8(truncatingIfNeeded: Int(registerMax) << shift) | UInt8(truncatingIfNeeded: Int(value) << shift)
        // The last register ends inside its byte, so nothing spills past the end.
        if byte + 1 < bytes.count {
            bytes[byte + 1] = bytes[byte + 1] & ~UInt8(truncatingIfNeeded: Int(registerMax) >> (8 - shift))
                | UInt8(truncatingIfNeeded: Int(value) >> (8 - shift))
        }
    }

    /// Raises register `index` to `count`; true when it grew.
    static func denseSet(_ bytes: inout [UInt8], _ index: Int, _ count: UInt8) -> Bool {
        guard count > denseRegister(bytes, index) else { return false }
        writeDenseRegister(&bytes, index, count)
        return true
    }

    /// Raises each of `registers` (one byte per register) to this value's register, as
    /// Redis's hllMerge does; false when a sparse value is corrupted.
    ///
    /// - Complexity: O(16384).
    static func merge(_ bytes: [UInt8], into registers: inout [UInt8]) -> Bool {
        if bytes[4] == dense {
            for i in 0..<registerCount { registers[i] = max(registers[i], denseRegister(bytes, i)) }
            return true
        }
        var valid = true
        let covered = forEachRun(bytes) { start, span, value in
            if value == 0 { return true }
            guard start + span <= registerCount else {
                valid = false
                return false
            }
            for i in start..<start + span { registers[i] = max(registers[i], value) }
            return true
        }
        return valid && covered == registerCount
    }
}
