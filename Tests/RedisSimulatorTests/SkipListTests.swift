import Testing
@testable import RedisSimulator

/// The skip list at sizes where nodes reach the links stored outside them, under moves both
/// small (updated in place) and large (unlinked and inserted again), against a sorted array.
@Suite struct SkipListTests {
    static func reference(_ scores: [ByteString: Double]) -> [(member: ByteString, score: Double)] {
        scores.map { ($0.key, $0.value) }.sorted { SkipList.precedes($0.score, $0.member, $1.score, $1.member) }
    }

    @Test(arguments: [5, 6]) func largeListUnderMovesInsertsAndRemovals(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        var list = SkipList()
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
        var list = SkipList()
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
}
