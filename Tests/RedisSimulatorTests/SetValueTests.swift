import Basics
import RedislingsTestSupport
import Testing
@testable import RedisSimulator

/// The set against Swift's Set, with the intset's ascending order and its conversion rules.
@Suite(.computesForSeconds) struct SetValueTests {
    @Test(arguments: 0...40) func everySmallIntsetIsAscending(size: Int) {
        var generator = SeededGenerator(seed: UInt64(size) + 7)
        let values = (0..<size).map { _ in Int64.random(in: -1000...1000, using: &generator) }
        let set = SetValue(values.map { ByteString($0) })
        set.checkInvariants()
        #expect(set.encodingName == "intset")
        #expect(set.members == Array(Set(values)).sorted().map { ByteString($0) })
    }

    @Test(arguments: [1, 2, 3]) func randomEditsAgainstTheReference(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        let set = SetValue()
        var reference = Set<ByteString>()
        for step in 0..<4000 {
            let member: ByteString = step > 3000 && Bool.random(using: &generator)
                ? ByteString("s\(Int.random(in: 0..<50, using: &generator))")
                : ByteString(Int64.random(in: 0..<700, using: &generator))
            if Bool.random(using: &generator) {
                #expect(set.insert(member) == reference.insert(member).inserted)
            } else {
                #expect(set.remove(member) == (reference.remove(member) != nil))
            }
            #expect(set.contains(member) == reference.contains(member))
            if step % 40 == 0 {
                set.checkInvariants()
                #expect(Set(set.members) == reference)
                #expect(set.count == reference.count)
            }
        }
    }

    @Test func conversionRules() {
        let set = SetValue((1...512).map { ByteString(Int64($0)) })
        #expect(set.encodingName == "intset")
        set.insert("513")
        #expect(set.encodingName == "hashtable")
        set.remove("513")
        #expect(set.encodingName == "hashtable")
        for text in ["01", " 1", "1.0", "9223372036854775808", "-0"] {
            let other = SetValue([ByteString(text)])
            #expect(other.encodingName == "hashtable", "\(text)")
        }
        let extremes = SetValue(["9223372036854775807", "-9223372036854775808"])
        #expect(extremes.encodingName == "intset")
        #expect(extremes.members == ["-9223372036854775808", "9223372036854775807"])
        #expect(!extremes.contains("x"))
    }

    @Test func eachInsertionConvertsByTheLimitItIsGiven() {
        // The server passes its set-max-intset-entries of the moment: a set keeps no copy, so
        // a CONFIG SET between two writes decides the second.
        let set = SetValue()
        #expect(set.insert("1", maxIntsetEntries: 2) && set.insert("2", maxIntsetEntries: 2))
        #expect(set.encodingName == "intset")
        set.insert("3", maxIntsetEntries: 3)
        #expect(set.encodingName == "intset")
        set.checkInvariants(maxIntsetEntries: 3)
        #expect(!set.insert("3", maxIntsetEntries: 0), "a member already there changes nothing")
        #expect(set.encodingName == "intset")
        set.insert("4", maxIntsetEntries: 3)
        #expect(set.encodingName == "hashtable")
        #expect(set.members.sorted() == ["1", "2", "3", "4"])
        let none = SetValue()
        none.insert("7", maxIntsetEntries: 0)
        #expect(none.encodingName == "hashtable" && none.contains("7"))
        let huge = SetValue((0..<600).map { ByteString(Int64($0)) }, maxIntsetEntries: Int.max)
        #expect(huge.encodingName == "intset" && huge.count == 600)
        huge.checkInvariants(maxIntsetEntries: Int.max)
    }
}
