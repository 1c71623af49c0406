import Basics
import RedislingsTestSupport
import Testing
@testable import RedisSimulator

/// The sorted set against a plain sorted array, at every small size and under random edits.
@Suite(.computesForSeconds) struct SortedSetValueTests {
    typealias Pair = (member: ByteString, score: Double)

    static func sortedReference(_ scores: [ByteString: Double]) -> [Pair] {
        scores.map { ($0.key, $0.value) }.sorted { CountedBTree.precedes($0.score, $0.member, $1.score, $1.member) }
    }

    static func expectMatches(_ zset: SortedSetValue, _ reference: [ByteString: Double]) {
        zset.checkInvariants()
        let expected = sortedReference(reference)
        let actual = zset.all
        #expect(actual.map(\.member) == expected.map(\.member))
        #expect(actual.map(\.score) == expected.map(\.score))
        for (rank, pair) in expected.enumerated() {
            #expect(zset.rank(of: pair.member) == rank)
            #expect(zset.element(at: rank).member == pair.member)
        }
    }

    @Test(arguments: 0...48) func everySmallSizeInAnyOrder(size: Int) {
        var generator = SeededGenerator(seed: UInt64(size) + 1)
        let zset = SortedSetValue()
        var reference: [ByteString: Double] = [:]
        for i in (0..<size).shuffled(using: &generator) {
            // Few distinct scores, so many ties order by member.
            let score = Double(Int.random(in: 0..<5, using: &generator))
            let member = ByteString("m\(i)")
            #expect(zset.set(member, score: score))
            reference[member] = score
        }
        Self.expectMatches(zset, reference)
        #expect(zset.encodingName == (size <= 128 ? "listpack" : "skiplist"))
        for rank in 0..<size {
            let reversed = zset.elements(from: size - 1 - rank, limit: size, reverse: true)
            #expect(reversed.count == size - rank)
        }
    }

    @Test(arguments: [1, 2, 3, 4]) func randomEditsAgainstTheReference(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        let zset = SortedSetValue()
        var reference: [ByteString: Double] = [:]
        for step in 0..<3000 {
            let member = ByteString("k\(Int.random(in: 0..<200, using: &generator))")
            switch Int.random(in: 0..<10, using: &generator) {
            case 0..<5:
                let score = Double(Int.random(in: -20...20, using: &generator)) / 4
                #expect(zset.set(member, score: score) == (reference[member] == nil))
                reference[member] = score
            case 5..<8:
                #expect(zset.remove(member) == (reference.removeValue(forKey: member) != nil))
            case 8:
                let popped = zset.popExtreme(max: Bool.random(using: &generator))
                if let popped { reference[popped.member] = nil } else { #expect(reference.isEmpty) }
            default:
                #expect(zset.score(of: member) == reference[member])
            }
            if step % 97 == 0 { Self.expectMatches(zset, reference) }
        }
        Self.expectMatches(zset, reference)
    }

    @Test func scoreRangesSelectWhatAFilterSelects() {
        var generator = SeededGenerator(seed: 9)
        let zset = SortedSetValue()
        var reference: [ByteString: Double] = [:]
        for i in 0..<300 {
            let score = Double(Int.random(in: 0..<40, using: &generator))
            zset.set(ByteString("e\(i)"), score: score)
            reference[ByteString("e\(i)")] = score
        }
        let sorted = Self.sortedReference(reference)
        for _ in 0..<200 {
            let a = Double(Int.random(in: -2..<42, using: &generator)), b = Double(Int.random(in: -2..<42, using: &generator))
            let range = ScoreRange(min: a, max: b, minExclusive: Bool.random(using: &generator), maxExclusive: Bool.random(using: &generator))
            let expected = sorted.filter { range.isAboveMin($0.score) && range.isBelowMax($0.score) }.map(\.member)
            let ranks = zset.ranks(in: range)
            #expect(zset.elements(from: ranks.lowerBound, limit: ranks.count).map(\.member) == expected)
        }
    }

    @Test(arguments: [100, 150]) func lexRangesSelectWhatAFilterSelects(size: Int) {
        let words = (0..<size).map { ByteString("w\(String($0, radix: 7))") }
        let zset = SortedSetValue(words.map { ($0, 0) })
        let sorted = words.sorted()
        let bounds: [LexRange.Bound] = [.negativeInfinity, .positiveInfinity]
            + sorted.enumerated().filter { $0.offset % 9 == 0 }.flatMap { [.member($0.element, exclusive: true), .member($0.element, exclusive: false)] }
            + [.member("w", exclusive: false), .member("x", exclusive: true)]
        for min in bounds {
            for max in bounds {
                let range = LexRange(min: min, max: max)
                let expected = sorted.filter { range.isAboveMin($0) && range.isBelowMax($0) }
                for reverse in [false, true] {
                    let ranks = zset.ranks(in: range, reverse: reverse)
                    #expect(zset.elements(from: ranks.lowerBound, limit: ranks.count).map(\.member) == expected)
                }
            }
        }
        #expect(zset.encodingName == (size <= 128 ? "listpack" : "skiplist"))
    }

    @Test func parsesRedisBounds() {
        #expect(ScoreRange(min: "(1", max: "+inf") == ScoreRange(min: 1, max: .infinity, minExclusive: true))
        #expect(ScoreRange(min: "-inf", max: "(2.5") == ScoreRange(min: -.infinity, max: 2.5, maxExclusive: true))
        #expect(ScoreRange(min: "x", max: "1") == nil)
        #expect(ScoreRange(min: "1", max: "nan") == nil)
        #expect(LexRange(min: "-", max: "+") == LexRange(min: .negativeInfinity, max: .positiveInfinity))
        #expect(LexRange(min: "[a", max: "(b") == LexRange(min: .member("a", exclusive: false), max: .member("b", exclusive: true)))
        #expect(LexRange(min: "a", max: "+") == nil)
        #expect(LexRange(min: "-x", max: "+") == nil)
    }

    @Test func encodingFollowsRedisThresholds() {
        let zset = SortedSetValue()
        for i in 1...128 { zset.set(ByteString("m\(i)"), score: Double(i)) }
        #expect(zset.encodingName == "listpack")
        zset.set("m129", score: 129)
        #expect(zset.encodingName == "skiplist")
        for i in 1...100 { zset.remove(ByteString("m\(i)")) }
        #expect(zset.encodingName == "skiplist")
        zset.convertToListpackIfFits()
        #expect(zset.encodingName == "listpack")
        let long = SortedSetValue()
        long.set(ByteString(String(repeating: "x", count: 65)), score: 1)
        #expect(long.encodingName == "skiplist")
        zset.checkInvariants()
    }

    @Test func listpackDropsTheSignOfZeroAndSkiplistKeepsIt() {
        let small = SortedSetValue()
        small.set("a", score: -0.0)
        #expect(small.score(of: "a")?.sign == .plus)
        let big = SortedSetValue(listpack: false)
        big.set("a", score: -0.0)
        #expect(big.score(of: "a")?.sign == .minus)
    }
}
