/// MurmurHash2, 64-bit version, reading 8-byte blocks little-endian whatever the machine's byte
/// order, as Redis's HyperLogLog hashes its elements (so registers match redis-server's).
enum MurmurHash64A {
    /// The 64-bit hash of `bytes` with `seed`.
    ///
    /// - Complexity: O(n).
    static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64) -> UInt64 {
        let m: UInt64 = 0xc6a4_a793_5bd1_e995
        let r: UInt64 = 47
        let length = bytes.count
        var h = seed ^ (UInt64(truncatingIfNeeded: length) &* m)
        let blocks = length - (length & 7)
        var offset = 0
        while offset < blocks {
            var k = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            k = k &* m
            k ^= k >> r
            k = k &* m
            h ^= k
            h = h &* m
            offset += 8
        }
        let tail = length & 7
        if tail > 0 {
            for i in stride(from: tail - 1, through: 0, by: -1) {
                h ^= UInt64(bytes[blocks + i]) << UInt64(8 * i)
            }
            h = h &* m
        }
        h ^= h >> r
        h = h &* m
        h ^= h >> r
        return h
    }
}
