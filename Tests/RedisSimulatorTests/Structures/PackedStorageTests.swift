import Basics
import Testing
@testable import RedisSimulator

/// The one buffer a small hash or sorted set keeps (issue 20, memory): its bytes edited in place
/// against a plain array, resized to the byte, deep-copied, and the table it converts to owned
/// and released with it.
@Suite struct PackedStorageTests {
    private final class Table {}

    @Test(arguments: [1, 2, 3]) func editsMatchAnArray(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        var storage = PackedStorage<Table>(limits: .hashDefault)
        var reference: [UInt8] = []
        for step in 0..<2_000 {
            let lower = Int.random(in: 0...reference.count, using: &generator)
            let upper = Int.random(in: lower...min(reference.count, lower + 12), using: &generator)
            let replacement = (0..<Int.random(in: 0..<(step < 1_000 ? 16 : 8), using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            storage.replaceBytes(lower..<upper, count: replacement.count) { target in
                replacement.withUnsafeBytes { target.copyMemory(from: $0.baseAddress!, byteCount: replacement.count) }
            }
            reference.replaceSubrange(lower..<upper, with: replacement)
            #expect(storage.packedByteCount == reference.count)
            #expect(storage.withBytes { Array($0) } == reference)
        }
        let copy = storage.clone { $0 }
        storage.replaceBytes(0..<storage.packedByteCount, count: 0) { _ in }
        #expect(storage.packedByteCount == 0 && storage.withBytes { $0.isEmpty })
        #expect(copy.withBytes { Array($0) } == reference, "a clone keeps its own bytes")
    }

    @Test func holdsItsTableAndReleasesItWithItself() {
        weak var released: Table?
        do {
            var storage = PackedStorage<Table>(limits: ListpackLimits(entries: 3, value: 7))
            storage.replaceBytes(0..<0, count: 4) { $0.initializeMemory(as: UInt8.self, repeating: 1, count: 4) }
            storage.packedCount = 2
            let table = Table()
            released = table
            storage.convert(to: table)
            #expect(!storage.isPacked && storage.table === table)
            #expect(storage.packedByteCount == 0 && storage.packedCount == 0)
            #expect(storage.limits == ListpackLimits(entries: 3, value: 7))
            let copy = storage.clone { _ in Table() }
            #expect(copy.table !== table, "a clone gets the table its closure made")
            storage.resetToPacked()
            #expect(storage.isPacked && storage.table == nil)
        }
        #expect(released == nil, "the table is released once nothing holds it")
        #expect(MemoryLayout<PackedStorage<Table>>.size == 24, "a listpack or table, its length and its limits in 24 bytes")
    }

    @Test func smallValuesKeepOneExactBuffer() {
        // Ten pairs of 7-byte texts: 160 bytes of listpack, in one buffer of that size.
        let hash = HashValue()
        for i in 0..<10 { hash.set(ByteString("field:\(i)"), ByteString("value:\(i)")) }
        #expect(hash.packedByteCount == 160)
        hash.set("field:3", "a longer value")
        #expect(hash.packedByteCount == 167)
        hash.remove("field:0")
        #expect(hash.packedByteCount == 151)
        let zset = SortedSetValue()
        for i in 0..<10 { zset.set(ByteString("member:\(i)"), score: Double(i)) }
        #expect(zset.storage.packedByteCount == 100, "a 9-byte member and a 1-byte integer score a pair")
        zset.set("member:4", score: 0.5)
        #expect(zset.storage.packedByteCount == 108)
        #expect(zset.all.map(\.member).prefix(3) == ["member:0", "member:4", "member:1"])
    }
}
