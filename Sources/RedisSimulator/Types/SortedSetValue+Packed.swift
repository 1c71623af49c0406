/// The listpack encoding's layout and walks: each pair is the member as a `PackedBytes` text
/// element, then the score: a varint `zigzag(n) << 1 | 1` when it is an integer n a double
/// holds exactly (most scores are counts and timestamps), else a 0 byte and the double's
/// 8 bytes, little-endian.
extension SortedSetValue {
    /// Integral scores up to this magnitude are packed as integers (every one is exact).
    private static let largestPackedInteger = 9_007_199_254_740_992.0

    static func appendScore(_ score: Double, to buffer: inout [UInt8]) {
        if score == score.rounded(.towardZero), abs(score) <= largestPackedInteger, !(score == 0 && score.sign == .minus) {
            PackedBytes.appendVarint(PackedBytes.zigzag(Int64(score)) << 1 | 1, to: &buffer)
        } else {
            buffer.append(0)
            withUnsafeBytes(of: score.bitPattern.littleEndian) { buffer.append(contentsOf: $0) }
        }
    }

    @inline(__always)
    static func readScore(_ buffer: UnsafeRawBufferPointer, _ offset: inout Int) -> Double {
        let header = PackedBytes.readVarint(buffer, &offset)
        if header & 1 == 1 { return Double(PackedBytes.unzigzag(header >> 1)) }
        var bits: UInt64 = 0
        withUnsafeMutableBytes(of: &bits) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: buffer[offset..<(offset + 8)])) }
        offset += 8
        return Double(bitPattern: UInt64(littleEndian: bits))
    }

    /// Where `member` lies in `packed` (its pair's start and end), its score and its rank.
    ///
    /// - Complexity: O(n).
    func packedLocation(of member: ByteString) -> (start: Int, end: Int, score: Double, rank: Int)? {
        member.withUnsafeBytes { probe in
            packed.withUnsafeBytes { buffer in
                var p = 0, rank = 0
                while p < buffer.count {
                    let start = p
                    let match = PackedBytes.textEquals(buffer, &p, probe)
                    let score = Self.readScore(buffer, &p)
                    if match { return (start, p, score, rank) }
                    rank += 1
                }
                return nil
            }
        }
    }

    /// Inserts a pair whose member is not packed, in order; the caller counts it.
    func packedInsert(_ member: ByteString, score: Double) {
        let offset = member.withUnsafeBytes { probe in
            packed.withUnsafeBytes { buffer in
                var p = 0
                while p < buffer.count {
                    let start = p
                    let packedMember = PackedBytes.textBytes(buffer, &p)
                    let packedScore = Self.readScore(buffer, &p)
                    if packedScore > score || (packedScore == score && !PackedBytes.precedes(packedMember, probe)) { return start }
                }
                return p
            }
        }
        var encoded: [UInt8] = []
        encoded.reserveCapacity(PackedBytes.textSize(member) + 9)
        PackedBytes.appendText(member, to: &encoded)
        Self.appendScore(score, to: &encoded)
        PackedBytes.reserve(encoded.count, in: &packed)
        packed.insert(contentsOf: encoded, at: offset)
    }

    /// Up to `limit` pairs from ascending `rank` on.
    func packedElements(from rank: Int, limit: Int) -> [(member: ByteString, score: Double)] {
        packed.withUnsafeBytes { buffer in
            var result: [(member: ByteString, score: Double)] = []
            result.reserveCapacity(min(limit, max(0, Int(packedCount) - rank)))
            var p = 0, index = 0
            while p < buffer.count, result.count < limit {
                if index < rank {
                    PackedBytes.skipElement(buffer, &p)
                    _ = Self.readScore(buffer, &p)
                } else {
                    let member = PackedBytes.readElement(buffer, &p)
                    result.append((member, Self.readScore(buffer, &p)))
                }
                index += 1
            }
            return result
        }
    }

    /// How many leading pairs satisfy `predicate` (which holds for a prefix).
    func packedPrefixCount(while predicate: (Double, ByteString) -> Bool) -> Int {
        packed.withUnsafeBytes { buffer in
            var p = 0, index = 0
            while p < buffer.count {
                let member = PackedBytes.readElement(buffer, &p)
                if !predicate(Self.readScore(buffer, &p), member) { return index }
                index += 1
            }
            return index
        }
    }

    /// How many leading pairs have scores satisfying `predicate` (which holds for a prefix).
    func packedPrefixCount(whileScore predicate: (Double) -> Bool) -> Int {
        packed.withUnsafeBytes { buffer in
            var p = 0, index = 0
            while p < buffer.count {
                PackedBytes.skipElement(buffer, &p)
                if !predicate(Self.readScore(buffer, &p)) { return index }
                index += 1
            }
            return index
        }
    }
}
