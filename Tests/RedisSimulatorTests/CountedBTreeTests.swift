import Basics
import RedislingsTestSupport
import Testing
@testable import RedisSimulator

/// The counted B+tree at sizes where leaves and branches split, merge and even out, under moves
/// both small (updated in place) and large (removed and inserted again), against a sorted array.
@Suite(.computesForSeconds) struct CountedBTreeTests {
    static func reference(_ scores: [ByteString: Double]) -> [(member: ByteString, score: Double)] {
        scores.map { ($0.key, $0.value) }.sorted { CountedBTree.precedes($0.score, $0.member, $1.score, $1.member) }
    }

    @Test(arguments: [5, 6]) func largeListUnderMovesInsertsAndRemovals(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        var list = CountedBTree()
        var scores: [ByteString: Double] = [:]
        for step in 1...20_000 {
            let member = ByteString("member:\(Int.random(in: 0..<3000, using: &generator))")
            let choice = Int.random(in: 0..<10, using: &generator)
            if let old = scores[member] {
                if choice < 6 {
                    // Half the moves nudge the score, which mostly keeps the node in place.
                    let new = choice < 3 ? old + Double.random(in: -0.001...0.001, using: &generator)
                        : Double(Int.random(in: 0..<500, using: &generator))
                    let moved = list.move(member, from: old, to: new)
                    #expect(moved)
                    scores[member] = new
                } else {
                    let removed = list.remove(member, score: old)
                    #expect(removed)
                    scores[member] = nil
                }
            } else {
                let score = Double(Int.random(in: 0..<500, using: &generator))
                let removedAbsent = list.remove(member, score: score)
                #expect(!removedAbsent)
                let movedAbsent = list.move(member, from: score, to: score + 1)
                #expect(!movedAbsent)
                list.insert(member, score: score)
                scores[member] = score
            }
            if step % 2_000 == 0 { list.checkInvariants() }
        }
        list.checkInvariants()
        let expected = Self.reference(scores)
        #expect(list.count == expected.count)
        let actual = list.elements(from: 0, limit: list.count)
        #expect(actual.map(\.member) == expected.map(\.member))
        #expect(actual.map(\.score) == expected.map(\.score))
        for rank in stride(from: 0, to: expected.count, by: 97) {
            #expect(list.rank(of: expected[rank].member, score: expected[rank].score) == rank)
            #expect(list.element(at: rank).member == expected[rank].member)
            let below = list.prefixCount(whileScore: { $0 < expected[rank].score })
            #expect(below == expected.firstIndex { $0.score >= expected[rank].score })
        }
        #expect(list.first?.member == expected.first?.member)
        #expect(list.last?.member == expected.last?.member)
    }

    @Test func aMoveThatTiesItsNeighbourReordersByMember() {
        var list = CountedBTree()
        list.insert("b", score: 1)
        list.insert("c", score: 2)
        list.insert("d", score: 3)
        // "b" moving to 2 ties "c"; it must still sort before it by member, not stay by luck.
        var moved = list.move("b", from: 1, to: 2)
        #expect(moved)
        moved = list.move("d", from: 3, to: 2)
        #expect(moved)
        list.checkInvariants()
        #expect(list.elements(from: 0, limit: 3).map(\.member) == ["b", "c", "d"])
        moved = list.move("b", from: 2, to: 9)
        #expect(moved)
        list.checkInvariants()
        #expect(list.elements(from: 0, limit: 3).map(\.member) == ["c", "d", "b"])
    }

    @Test func growsTallThenShrinksToNothing() {
        var generator = SeededGenerator(seed: 9)
        var tree = CountedBTree()
        var present: [(ByteString, Double)] = []
        // Enough pairs for three levels of branches above the leaves.
        for i in 0..<40_000 {
            let pair = (ByteString("m\(i)"), Double(Int.random(in: 0..<1000, using: &generator)))
            tree.insert(pair.0, score: pair.1)
            present.append(pair)
        }
        tree.checkInvariants()
        #expect(tree.count == 40_000)
        present.shuffle(using: &generator)
        for (index, pair) in present.enumerated() {
            let removed = tree.remove(pair.0, score: pair.1)
            #expect(removed)
            if index % 4_000 == 0 { tree.checkInvariants() }
        }
        tree.checkInvariants()
        #expect(tree.count == 0)
        #expect(tree.first == nil && tree.last == nil)
        #expect(tree.elements(from: 0, limit: 10).isEmpty)
        // Emptied, it works as new.
        tree.insert("again", score: 1)
        tree.checkInvariants()
        #expect(tree.element(at: 0).member == "again")
    }

    @Test func ascendingAndDescendingInsertsKeepEveryInvariant() {
        var ascending = CountedBTree(), descending = CountedBTree()
        for i in 0..<5_000 {
            ascending.insert(ByteString("a\(i)"), score: Double(i))
            descending.insert(ByteString("d\(i)"), score: Double(-i))
        }
        ascending.checkInvariants()
        descending.checkInvariants()
        #expect(ascending.first?.score == 0 && ascending.last?.score == 4_999)
        #expect(descending.first?.score == -4_999 && descending.last?.score == 0)
        #expect(ascending.elements(from: 4_998, limit: 5).map(\.score) == [4_998, 4_999])
        #expect(descending.elements(from: 2, limit: 3, reverse: true).map(\.score) == [-4_997, -4_998, -4_999])
        // Removing every other pair from the front leaves underfull leaves to mend.
        for i in stride(from: 0, to: 5_000, by: 2) {
            let removed = ascending.remove(ByteString("a\(i)"), score: Double(i))
            #expect(removed)
        }
        ascending.checkInvariants()
        #expect(ascending.count == 2_500)
        #expect(ascending.rank(of: "a4999", score: 4_999) == 2_499)
        #expect(ascending.prefixCount(whileScore: { $0 < 1_000 }) == 500)
    }
}
