/// The listpack encoding's layout and walks: each pair is the member as a `PackedBytes` text
/// element, then the score: a varint `zigzag(n) << 1 | 1` when it is an integer n a double
/// holds exactly (most scores are counts and timestamps), else a 0 byte and the double's
/// 8 bytes, little-endian.
extension SortedSetValue {
    /// Integral scores up to this magnitude are packed as integers (every one is exact).
    private static let largestPackedInteger = 9_007_199_254_740_992.0

    /// The bytes `writeScore` writes for `score`.
    static func scoreSize(_ score: Double) -> Int {
        guard let integer = packedInteger(score) else { return 9 }
        return PackedBytes.varintSize(PackedBytes.zigzag(integer) << 1 | 1)
    }

    /// The bytes a pair takes.
    static func packedSize(_ member: ByteString, score: Double) -> Int { PackedBytes.textSize(member) + scoreSize(score) }

    /// The integer `score` is packed as, if it is one a double holds exactly (and not -0).
    private static func packedInteger(_ score: Double) -> Int64? {
        guard score == score.rounded(.towardZero), abs(score) <= largestPackedInteger, !(score == 0 && score.sign == .minus) else { return nil }
        return Int64(score)
    }

    /// Writes `score` at `target`; returns the bytes written.
    @discardableResult
    static func writeScore(_ score: Double, to target: UnsafeMutableRawPointer) -> Int {
        if let integer = packedInteger(score) {
            return PackedBytes.writeVarint(PackedBytes.zigzag(integer) << 1 | 1, to: target)
        }
        target.storeBytes(of: 0, as: UInt8.self)
        (target + 1).storeBytes(of: score.bitPattern.littleEndian, toByteOffset: 0, as: UInt64.self)
        return 9
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

    /// Where `member` lies in the listpack (its pair's start and end), its score and its rank.
    ///
    /// - Complexity: O(n).
    func packedLocation(of member: ByteString) -> (start: Int, end: Int, score: Double, rank: Int)? {
        member.withUnsafeBytes { probe in
            storage.withBytes { buffer in
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
            storage.withBytes { buffer in
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
        let memberSize = PackedBytes.textSize(member)
        storage.replaceBytes(offset..<offset, count: memberSize + Self.scoreSize(score)) { target in
            PackedBytes.writeText(member, to: target)
            Self.writeScore(score, to: target + memberSize)
        }
    }

    /// Up to `limit` pairs from ascending `rank` on.
    func packedElements(from rank: Int, limit: Int) -> [(member: ByteString, score: Double)] {
        storage.withBytes { buffer in
            var result: [(member: ByteString, score: Double)] = []
            result.reserveCapacity(min(limit, max(0, Int(storage.packedCount) - rank)))
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
        storage.withBytes { buffer in
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
        storage.withBytes { buffer in
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
