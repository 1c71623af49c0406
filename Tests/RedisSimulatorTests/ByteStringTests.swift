import Basics
import RedislingsTestSupport
import Testing
@testable import RedisSimulator

@Suite(.computesForSeconds) struct ByteStringTests {
    /// Lengths around the inline limit (22), where the storage changes.
    static let lengths = [0, 1, 7, 8, 9, 15, 16, 17, 20, 21, 22, 23, 24, 40]

    static func randomBytes(_ count: Int, _ generator: inout SeededGenerator) -> [UInt8] {
        // A small alphabet with 0x00 and 0xFF makes shared prefixes and padding-like bytes common.
        let alphabet: [UInt8] = [0x00, 0x01, 0x61, 0x7F, 0x80, 0xFF]
        return (0..<count).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
    }

    @Test func roundTripsBytesAtEveryLength() {
        var generator = SeededGenerator(seed: 7)
        for length in Self.lengths {
            let bytes = Self.randomBytes(length, &generator)
            let value = ByteString(bytes)
            #expect(value.bytes == bytes)
            #expect(value.count == length)
            #expect(value.withUnsafeBytes { Array($0) } == bytes)
            #expect(bytes.withUnsafeBytes { ByteString(copying: $0) } == value)
        }
    }

    @Test func ordersAndComparesLikeMemcmpAcrossTheInlineLimit() {
        var generator = SeededGenerator(seed: 11)
        var samples: [[UInt8]] = []
        for length in Self.lengths {
            for _ in 0..<12 { samples.append(Self.randomBytes(length, &generator)) }
        }
        // Prefixes of one another, including trailing zero bytes the inline padding resembles.
        samples += [[0x61], [0x61, 0x00], Array(repeating: 0, count: 22), Array(repeating: 0, count: 23)]
        for left in samples {
            for right in samples {
                let a = ByteString(left), b = ByteString(right)
                #expect((a < b) == left.lexicographicallyPrecedes(right), "\(left) < \(right)")
                #expect((a == b) == (left == right), "\(left) == \(right)")
                if left == right { #expect(a.hashValue == b.hashValue) }
            }
        }
    }

    @Test func keysOfDifferentLengthsAreDistinctInASet() {
        // Zero-padded inline storage must not make "a" and "a\0" the same key.
        let keys = (0...24).map { ByteString(Array(repeating: 0, count: $0)) }
        #expect(Set(keys).count == keys.count)
    }

    @Test func tableHashIsEqualForEqualBytesAndSpreadsOthers() {
        var generator = SeededGenerator(seed: 13)
        var samples: [[UInt8]] = []
        for length in Self.lengths + [63, 64, 65, 200] {
            for _ in 0..<16 { samples.append(Self.randomBytes(length, &generator)) }
        }
        // Zero bytes and lengths the inline padding and the length word could confuse.
        samples += (0...24).map { Array(repeating: 0, count: $0) }
        for bytes in samples {
            #expect(ByteString(bytes).tableHash == ByteString(Array(bytes)).tableHash)
        }
        let distinct = Set(samples)
        // The index files keys by the upper 32 bits: distinct keys should rarely share them (the
        // key is random per process; one chance pair among these ~400 is about 1 in 50,000).
        #expect(Set(distinct.map { ByteString($0).tableHash >> 32 }).count >= distinct.count - 1)
    }

    @Test func staysTwentyFourBytes() {
        #expect(MemoryLayout<ByteString>.size <= 24)
        #expect(MemoryLayout<ByteString>.stride == 24)
    }
}
