/// The order HSCAN, SSCAN and ZSCAN walk a large collection in: by a fixed 62-bit hash of each
/// element. A collection builds it on the first scan page and drops it on its next write, so
/// pages over an unchanged collection cost O(log n + COUNT).
struct ScanOrder {
    /// (hash, element) pairs, ascending by hash.
    let entries: [(hash: UInt64, key: ByteString)]

    /// - Complexity: O(n log n).
    init(_ keys: some Sequence<ByteString>) {
        entries = keys.map { (Self.hash($0), $0) }.sorted { $0.hash < $1.hash }
    }

    /// A fixed hash in 1...2^62 (FNV-1a), so cursors are stable across runs and never 0.
    static func hash(_ key: ByteString) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.bytes {
            h ^= UInt64(byte)
            h = h &* 0x0000_0100_0000_01B3
        }
        return (h >> 2) + 1
    }

    /// The elements of one page from `cursor` on — at least `count` unless the walk ends, plus any
    /// sharing the last one's hash — and the cursor after them (0 at the end).
    ///
    /// - Complexity: O(log n + count).
    func page(from cursor: UInt64, count: Int) -> (keys: ArraySlice<(hash: UInt64, key: ByteString)>, next: UInt64) {
        var low = 0, high = entries.count
        while low < high {
            let mid = (low + high) / 2
            if entries[mid].hash < cursor { low = mid + 1 } else { high = mid }
        }
        var end = low + min(count, entries.count - low)
        while end < entries.count, end > low, entries[end].hash == entries[end - 1].hash { end += 1 }
        let next = end < entries.count ? entries[end - 1].hash + 1 : 0
        return (entries[low..<end], next)
    }
}
