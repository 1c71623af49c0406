import Basics
import Testing
@testable import RedisSimulator

/// The list against an array, and the list commands' index arithmetic against plain slicing.
@Suite struct ListValueTests {
    @Test(arguments: [1, 2, 3]) func randomPushesAndPopsAgainstAnArray(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        let list = ListValue()
        var reference: [ByteString] = []
        for step in 0..<3000 {
            let end: ListEnd = Bool.random(using: &generator) ? .left : .right
            if Int.random(in: 0..<5, using: &generator) < 3 {
                let element = ByteString("e\(step)")
                list.push(element, at: end)
                if end == .left { reference.insert(element, at: 0) } else { reference.append(element) }
            } else {
                let count = Int.random(in: 1...3, using: &generator)
                let popped = list.pop(from: end, count: count)
                let expected = end == .left ? Array(reference.prefix(count)) : Array(reference.suffix(count).reversed())
                #expect(popped == expected)
                if end == .left { reference.removeFirst(popped.count) } else { reference.removeLast(popped.count) }
            }
            list.checkInvariants()
            #expect(Array(list.elements) == reference)
        }
    }

    @Test(arguments: 0...12) func rangeArithmeticMatchesSlicing(size: Int) {
        for start in -15...15 {
            for stop in -15...15 {
                let s = start < 0 ? max(size + start, 0) : start
                let e = stop < 0 ? size + stop : min(stop, size - 1)
                let expected: Range<Int>? = (s <= e && s < size) ? s..<(e + 1) : nil
                #expect(CommandTable.listRange(Int64(start), Int64(stop), count: size) == expected)
            }
        }
    }

    @Test func indexesCountFromBothEnds() {
        let list = ListValue(["a", "b", "c"])
        #expect(list.element(at: 0) == "a")
        #expect(list.element(at: -1) == "c")
        #expect(list.element(at: 3) == nil)
        #expect(list.element(at: -4) == nil)
        #expect(ListEnd.left.opposite == .right)
    }
}
