import RESP

extension CommandTable {
    static let bitmapCountCommands: [CommandSpec] = [
        CommandSpec("bitcount", arity: -2, flags: ["readonly"], keys: .single, categories: ["@read", "@bitmap", "@slow"]) { ctx in
            guard let value = try ctx.lookupString(ctx[1]) else { return .integer(0) }
            let length = Int64(value.count)
            var start: Int64 = 0, end = length - 1
            var masks: (first: UInt8, last: UInt8) = (0, 0)
            if ctx.count == 4 || ctx.count == 5 {
                start = try ctx.integer(at: 2)
                end = try ctx.integer(at: 3)
                if start < 0 && end < 0 && start > end { return .integer(0) }
                let inBits = try ctx.count == 5 && bitRangeUnit(ctx, at: 4)
                (start, end, masks) = clampBitRange(start: start, end: end, length: length, inBits: inBits)
            } else if ctx.count != 2 {
                throw RedisError.syntax
            }
            guard start <= end else { return .integer(0) }
            let count = value.withUnsafeBytes { bytes in
                var count = BitScan.popcount(bytes, Int(start)..<Int(end) + 1)
                count -= (bytes[Int(start)] & masks.first).nonzeroBitCount
                count -= (bytes[Int(end)] & masks.last).nonzeroBitCount
                return count
            }
            return .integer(Int64(count))
        },
        CommandSpec("bitpos", arity: -3, flags: ["readonly"], keys: .single, categories: ["@read", "@bitmap", "@slow"]) { ctx in
            let bit = try ctx.integer(at: 2)
            guard bit == 0 || bit == 1 else { throw RedisError("ERR The bit argument must be 1 or 0.") }
            guard let value = try ctx.lookupString(ctx[1]) else { return .integer(bit == 1 ? -1 : 0) }
            let length = Int64(value.count)
            var start: Int64 = 0, end = length - 1, endGiven = false
            var masks: (first: UInt8, last: UInt8) = (0, 0)
            if (4...6).contains(ctx.count) {
                start = try ctx.integer(at: 3)
                let inBits = try ctx.count == 6 && bitRangeUnit(ctx, at: 5)
                if ctx.count >= 5 {
                    end = try ctx.integer(at: 4)
                    endGiven = true
                } else {
                    end = inBits ? length << 3 + 7 : length - 1
                }
                (start, end, masks) = clampBitRange(start: start, end: end, length: length, inBits: inBits)
            } else if ctx.count != 3 {
                throw RedisError.syntax
            }
            guard start <= end else { return .integer(-1) }
            let position = value.withUnsafeBytes { bytes in
                firstBit(Int(bit), bytes, start: Int(start), end: Int(end), masks: masks, endGiven: endGiven)
            }
            return .integer(Int64(position))
        },
    ]

    /// BYTE or BIT at argument `index`: true for BIT.
    private static func bitRangeUnit(_ ctx: CommandContext, at index: Int) throws(RedisError) -> Bool {
        if ctx.argument(index, is: "bit") { return true }
        if ctx.argument(index, is: "byte") { return false }
        throw RedisError.syntax
    }

    /// Negative indexes counted from the end and clamped, as BITCOUNT and BITPOS do; a BIT range
    /// becomes the bytes holding it plus masks of the bits to leave out of its first and last byte.
    private static func clampBitRange(start: Int64, end: Int64, length: Int64, inBits: Bool)
        -> (Int64, Int64, (first: UInt8, last: UInt8))
    {
        let total = inBits ? length << 3 : length
        var start = start < 0 ? total + start : start
        var end = end < 0 ? total + end : end
        start = max(start, 0)
        end = min(max(end, 0), total - 1)
        guard inBits, start <= end else { return (start, end, (0, 0)) }
        let first = UInt8(truncatingIfNeeded: ~((1 << (8 - (start & 7))) - 1))
        let last = UInt8(truncatingIfNeeded: (1 << (7 - (end & 7))) - 1)
        return (start >> 3, end >> 3, (first, last))
    }

    /// Redis's bitposCommand search over bytes `start...end`, with the masks of a BIT range.
    private static func firstBit(
        _ bit: Int, _ bytes: UnsafeRawBufferPointer, start: Int, end: Int, masks: (first: UInt8, last: UInt8), endGiven: Bool
    ) -> Int {
        func masked(_ byte: UInt8, _ mask: UInt8) -> UInt8 { bit == 1 ? byte & ~mask : byte | mask }
        func search(_ byte: UInt8) -> Int { Swift.withUnsafeBytes(of: byte) { BitScan.firstBit(bit, in: $0, 0..<1) } }
        var start = start, count = end - start + 1
        var position: Int
        found: do {
            if masks.first != 0 {
                var byte = masked(bytes[start], masks.first)
                if masks.last != 0 && count == 1 { byte = masked(byte, masks.last) }
                position = search(byte)
                if count == 1 || (position != -1 && position != 8) { break found }
                start += 1
                count -= 1
            }
            let whole = count - (masks.last != 0 ? 1 : 0)
            if whole > 0 {
                position = BitScan.firstBit(bit, in: bytes, start..<start + whole)
                if count == whole || (position != -1 && position != whole << 3) { break found }
                start += whole
                count -= whole
            }
            position = search(masked(bytes[end], masks.last))
        }
        if endGiven && bit == 0 && position == count << 3 { return -1 }
        return position == -1 ? -1 : position + start << 3
    }
}
