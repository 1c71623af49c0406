/// LZF, the compression RDB files and DUMP payloads use for strings longer than 20 bytes. The
/// compressor follows liblzf as Redis builds it (16-bit hash table, VERY_FAST), so a payload
/// compresses to the bytes redis-server writes; the decompressor checks every back reference.
enum LZF {
    private static let hashLog = 16
    private static let maxLiteral = 1 << 5
    private static let maxOffset = 1 << 13
    private static let maxReference = (1 << 8) + (1 << 3)

    /// `input` compressed into at most `limit` bytes, or nil when it does not fit (Redis then
    /// stores the string as it is).
    ///
    /// - Complexity: O(n).
    static func compress(_ input: [UInt8], limit: Int) -> [UInt8]? {
        let count = input.count
        guard count > 0, limit > 0 else { return nil }
        // Positions are stored plus one, so 0 means "never seen" (liblzf leaves its table
        // uninitialised and guards with the same `reference > start` test).
        var table = [Int](repeating: 0, count: 1 << hashLog)
        var out = [UInt8](repeating: 0, count: limit)
        var op = 1, ip = 0, literal = 0
        func index(_ h: UInt32) -> Int {
            Int(((h >> UInt32(24 - hashLog)) &- h &* 5) & UInt32((1 << hashLog) - 1))
        }
        func first(_ p: Int) -> UInt32 { UInt32(input[p]) << 8 | UInt32(input[p + 1]) }
        func next(_ v: UInt32, _ p: Int) -> UInt32 { v << 8 | UInt32(input[p + 2]) }

        var hval = count >= 2 ? first(0) : 0
        while ip < count - 2 {
            hval = next(hval, ip)
            let slot = index(hval)
            let reference = table[slot] - 1
            table[slot] = ip + 1
            let offset = ip - reference - 1
            if reference > 0, reference < ip, offset < maxOffset,
               input[reference + 2] == input[ip + 2], input[reference] == input[ip],
               input[reference + 1] == input[ip + 1] {
                var length = 2
                let maxLength = min(count - ip - length, maxReference)
                if op + 3 + 1 >= limit, op - (literal == 0 ? 1 : 0) + 3 + 1 >= limit { return nil }
                out[op - literal - 1] = UInt8(truncatingIfNeeded: literal - 1)
                if literal == 0 { op -= 1 }
                // liblzf compares 16 bytes unrolled before it looks at the limit again, so a
                // match may run up to two bytes past `maxLength`; the same steps give the same bytes.
                var mismatched = false
                if maxLength > 16 {
                    for _ in 0..<16 {
                        length += 1
                        if input[reference + length] != input[ip + length] { mismatched = true; break }
                    }
                }
                if !mismatched {
                    repeat { length += 1 } while length < maxLength && input[reference + length] == input[ip + length]
                }
                length -= 2
                ip += 1
                if length < 7 {
                    out[op] = UInt8(truncatingIfNeeded: (offset >> 8) + (length << 5)); op += 1
                } else {
                    out[op] = UInt8(truncatingIfNeeded: (offset >> 8) + (7 << 5)); op += 1
                    out[op] = UInt8(truncatingIfNeeded: length - 7); op += 1
                }
                out[op] = UInt8(truncatingIfNeeded: offset); op += 1
                literal = 0
                op += 1
                ip += length + 1
                if ip >= count - 2 { break }
                ip -= 2
                hval = first(ip)
                hval = next(hval, ip)
                table[index(hval)] = ip + 1
                ip += 1
                hval = next(hval, ip)
                table[index(hval)] = ip + 1
                ip += 1
            } else {
                if op >= limit { return nil }
                literal += 1
                out[op] = input[ip]; op += 1; ip += 1
                if literal == maxLiteral {
                    out[op - literal - 1] = UInt8(truncatingIfNeeded: literal - 1)
                    literal = 0
                    op += 1
                }
            }
        }
        if op + 3 > limit { return nil }
        while ip < count {
            literal += 1
            out[op] = input[ip]; op += 1; ip += 1
            if literal == maxLiteral {
                out[op - literal - 1] = UInt8(truncatingIfNeeded: literal - 1)
                literal = 0
                op += 1
            }
        }
        out[op - literal - 1] = UInt8(truncatingIfNeeded: literal - 1)
        if literal == 0 { op -= 1 }
        return Array(out[..<op])
    }

    /// `input` decompressed to exactly `length` bytes, or nil when it is not valid LZF data of
    /// that length.
    ///
    /// - Complexity: O(n + length).
    static func decompress(_ input: [UInt8], length: Int) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(length)
        var ip = 0
        while ip < input.count {
            let control = Int(input[ip]); ip += 1
            if control < 32 {
                let run = control + 1
                guard ip + run <= input.count, out.count + run <= length else { return nil }
                out.append(contentsOf: input[ip..<(ip + run)])
                ip += run
            } else {
                var run = control >> 5
                if run == 7 {
                    guard ip < input.count else { return nil }
                    run += Int(input[ip]); ip += 1
                }
                guard ip < input.count else { return nil }
                let back = ((control & 0x1f) << 8) + Int(input[ip]) + 1
                ip += 1
                run += 2
                guard back <= out.count, out.count + run <= length else { return nil }
                let start = out.count - back
                for i in 0..<run { out.append(out[start + i]) }
            }
        }
        return out.count == length ? out : nil
    }
}
