import Basics
import RedislingsTestSupport
import Testing
@testable import RedisSimulator

/// The list against an array, and the list commands' index arithmetic against plain slicing.
@Suite(.computesForSeconds) struct ListValueTests {
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

    /// Pushes take shortcuts for short text (no integer parse, a one-byte back-length): elements
    /// on each side of those shortcuts read back exactly, from both ends and after pops.
    @Test func elementsNearTheShortcutsReadBackExactly() {
        let samples: [ByteString] = [
            "", "x", "-", "-0", "0", "01", " 1", "1 ", "+1", "-12", "9223372036854775807", "-9223372036854775808",
            "4611686018427387904", "-4611686018427387904", "12345678901234567890123",
            ByteString(String(repeating: "a", count: 22)), ByteString(String(repeating: "b", count: 23)),
            ByteString(String(repeating: "c", count: 125)), ByteString(String(repeating: "d", count: 126)),
            ByteString(String(repeating: "e", count: 127)), ByteString(String(repeating: "f", count: 300)),
            ByteString([0, 1, 2]), ByteString([UInt8(ascii: "7"), 0]),
        ]
        let list = ListValue()
        var reference: [ByteString] = []
        for (index, element) in samples.enumerated() {
            list.push(element, at: index % 2 == 0 ? .left : .right)
            if index % 2 == 0 { reference.insert(element, at: 0) } else { reference.append(element) }
            list.checkInvariants()
        }
        #expect(list.elements == reference)
        while !reference.isEmpty {
            #expect(list.pop(from: .left) == reference.removeFirst())
            if let last = reference.popLast() { #expect(list.pop(from: .right) == last) }
            list.checkInvariants()
        }
        #expect(list.isEmpty)
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
