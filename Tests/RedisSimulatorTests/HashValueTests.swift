import Basics
import RedislingsTestSupport
import Testing
@testable import RedisSimulator

/// The hash against an ordered list of pairs while it is a listpack, and a dictionary after.
@Suite(.computesForSeconds) struct HashValueTests {
    @Test(arguments: Array(0...40) + [511, 512, 513]) func everySmallSizeKeepsInsertionOrder(size: Int) {
        let hash = HashValue()
        for i in 0..<size { #expect(hash.set(ByteString("f\(i)"), ByteString("v\(i)"))) }
        hash.checkInvariants()
        #expect(hash.count == size)
        #expect(hash.encodingName == (size <= HashValue.maxListpackEntries ? "listpack" : "hashtable"))
        if size <= HashValue.maxListpackEntries {
            #expect(hash.fields == (0..<size).map { ByteString("f\($0)") })
        }
        #expect(Set(hash.pairs.map(\.field)) == Set((0..<size).map { ByteString("f\($0)") }))
    }

    @Test(arguments: [1, 2, 3]) func randomEditsAgainstTheReference(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        let hash = HashValue()
        var ordered: [(ByteString, ByteString)] = []
        for step in 0..<6000 {
            let field = ByteString("f\(Int.random(in: 0..<(step < 2000 ? 100 : 900), using: &generator))")
            if Int.random(in: 0..<3, using: &generator) < 2 {
                let value = ByteString("v\(step)")
                let isNew = !ordered.contains { $0.0 == field }
                #expect(hash.set(field, value) == isNew)
                if let i = ordered.firstIndex(where: { $0.0 == field }) { ordered[i].1 = value } else { ordered.append((field, value)) }
            } else {
                let existed = ordered.contains { $0.0 == field }
                #expect(hash.remove(field) == existed)
                ordered.removeAll { $0.0 == field }
            }
            if step % 50 == 0 {
                hash.checkInvariants()
                if hash.isListpack {
                    #expect(hash.pairs.map(\.field) == ordered.map(\.0))
                    #expect(hash.pairs.map(\.value) == ordered.map(\.1))
                } else {
                    #expect(Dictionary(uniqueKeysWithValues: hash.pairs.map { ($0.field, $0.value) })
                        == Dictionary(uniqueKeysWithValues: ordered))
                }
            }
        }
        #expect(hash.encodingName == "hashtable")
    }

    @Test func longFieldsOrValuesConvertForGood() {
        let hash = HashValue()
        hash.set("f", ByteString(String(repeating: "v", count: 64)))
        #expect(hash.encodingName == "listpack")
        hash.set("g", ByteString(String(repeating: "v", count: 65)))
        #expect(hash.encodingName == "hashtable")
        hash.remove("g")
        #expect(hash.encodingName == "hashtable")
        let other = HashValue()
        other.convertIfAnyTooLong(["a", ByteString(String(repeating: "k", count: 65))])
        #expect(other.encodingName == "hashtable")
        let copy = hash.clone()
        copy.set("new", "1")
        #expect(hash["new"] == nil && copy.encodingName == "hashtable")
    }
}
