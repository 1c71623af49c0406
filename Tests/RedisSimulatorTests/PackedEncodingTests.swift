import Testing
@testable import RedisSimulator

/// The packed (listpack-like) encodings of small hashes, small sorted sets and stream nodes:
/// what a byte buffer must give back exactly, at the edges of its format and its thresholds.
@Suite struct PackedEncodingTests {
    /// Strings that stress the element codec: empty, binary, integer-looking and not.
    static let awkward: [ByteString] = [
        "", ByteString([0]), ByteString([0xFF, 0x00, 0x80, 0x7F]), "0", "-0", "007", "+1", " 1", "1 ",
        "-1", "127", "128", "-4096", "9223372036854775807", "-9223372036854775808",
        "9223372036854775808", "-9223372036854775809", "4611686018427387903", "-4611686018427387904", "12345678901234567890", "1e3", "0x10",
        ByteString(String(repeating: "x", count: 22)), ByteString(String(repeating: "y", count: 23)),
        ByteString(String(repeating: "z", count: 64)), ByteString([UInt8](repeating: 0xC3, count: 63)),
    ]

    @Test func elementsReadBackByteForByte() {
        var buffer: [UInt8] = []
        for element in Self.awkward { PackedBytes.appendElement(element, to: &buffer) }
        for element in Self.awkward { PackedBytes.appendText(element, to: &buffer) }
        let decoded = buffer.withUnsafeBytes { raw in
            var p = 0
            var result: [ByteString] = []
            while p < raw.count { result.append(PackedBytes.readElement(raw, &p)) }
            return result
        }
        let expected = Self.awkward + Self.awkward
        #expect(decoded.count == expected.count)
        for (i, element) in decoded.enumerated() where i < expected.count {
            #expect(element.bytes == expected[i].bytes, "element \(i)")
        }
        // Canonical integers are packed as numbers, so the buffer is smaller than their text.
        var numbers: [UInt8] = []
        PackedBytes.appendElement("4611686018427387903", to: &numbers)
        #expect(numbers.count < 19)
        // Past ±2^62 the zigzag form would lose a bit, so the text is kept.
        var text: [UInt8] = []
        PackedBytes.appendElement("4611686018427387904", to: &text)
        #expect(text.count == 20)
    }

    @Test func hashKeepsAwkwardFieldsAndValuesAndDeletesInTheMiddle() {
        let hash = HashValue()
        for (i, field) in Self.awkward.enumerated() { #expect(hash.set(field, Self.awkward[(i + 3) % Self.awkward.count])) }
        hash.checkInvariants()
        #expect(hash.encodingName == "listpack")
        #expect(hash.fields == Self.awkward)
        for (i, field) in Self.awkward.enumerated() { #expect(hash[field] == Self.awkward[(i + 3) % Self.awkward.count]) }
        // An overwrite keeps the field's place; a value of another size moves what follows.
        #expect(!hash.set("007", ByteString(String(repeating: "w", count: 60))))
        #expect(hash[ "007"] == ByteString(String(repeating: "w", count: 60)))
        #expect(hash.fields == Self.awkward)
        let middle = Self.awkward[Self.awkward.count / 2]
        #expect(hash.remove(middle))
        #expect(!hash.remove(middle))
        #expect(hash[middle] == nil)
        hash.checkInvariants()
        #expect(hash.fields == Self.awkward.filter { $0 != middle })
        #expect(hash.pair(at: 0).field == "")
        #expect(hash.pairs(at: [1, 1, 0]).map(\.field) == [ByteString([0]), ByteString([0]), ""])
        #expect(hash["-0"] != nil && hash["0"] != nil && hash["-0"] != hash["0"])
    }

    @Test(arguments: [HashValue.maxListpackEntries - 1, HashValue.maxListpackEntries])
    func hashConvertsOnTheEntryPastTheThreshold(size: Int) {
        let hash = HashValue()
        for i in 0..<size { hash.set(ByteString("f\(i)"), ByteString(Int64(i))) }
        #expect(hash.encodingName == "listpack")
        #expect(!hash.set("f0", "again"))
        #expect(hash.encodingName == "listpack")
        hash.set("one-more", "v")
        #expect(hash.encodingName == (size + 1 > HashValue.maxListpackEntries ? "hashtable" : "listpack"))
        hash.checkInvariants()
        #expect(hash.fields.prefix(2) == ["f0", "f1"])
        #expect(hash["f0"] == "again" && hash["f1"] == "1" && hash["one-more"] == "v")
        #expect(hash.count == size + 1)
    }

    @Test func hashConvertsOnAValuePastTheLongestKept() {
        let hash = HashValue()
        hash.set("a", ByteString(String(repeating: "v", count: HashValue.maxListpackValue)))
        hash.set(ByteString(String(repeating: "f", count: HashValue.maxListpackValue)), "b")
        #expect(hash.encodingName == "listpack")
        let huge = ByteString([UInt8](repeating: 7, count: 1 << 20))
        hash.set("big", huge)
        #expect(hash.encodingName == "hashtable")
        hash.checkInvariants()
        #expect(hash.fields == ["a", ByteString(String(repeating: "f", count: HashValue.maxListpackValue)), "big"])
        #expect(hash["big"] == huge)
    }

    @Test func sortedSetPacksAwkwardMembersAndScoresExactly() {
        let scores: [Double] = [0, -0.0, 1, -1, 0.1, 1e300, -1e-300, .infinity, -.infinity, 9_007_199_254_740_992,
                                9_007_199_254_740_994, -9_007_199_254_740_993, 3.5, 1_700_000_000_123]
        let zset = SortedSetValue()
        var reference: [ByteString: Double] = [:]
        for (i, member) in Self.awkward.enumerated() {
            let score = scores[i % scores.count]
            #expect(zset.set(member, score: score))
            reference[member] = score == 0 ? 0 : score
        }
        zset.checkInvariants()
        #expect(zset.encodingName == "listpack")
        let expected = reference.sorted { CountedBTree.precedes($0.value, $0.key, $1.value, $1.key) }
        #expect(zset.all.map(\.member) == expected.map(\.key))
        #expect(zset.all.map(\.score.bitPattern) == expected.map(\.value.bitPattern))
        for (member, score) in reference { #expect(zset.score(of: member)?.bitPattern == score.bitPattern) }
        #expect(zset.score(of: "-0")?.sign == .plus)
        // Moving a member in the middle, then deleting one there.
        let middle = expected[expected.count / 2].key
        #expect(!zset.set(middle, score: -.infinity))
        #expect(zset.rank(of: middle) == 0 || zset.element(at: 0).score == -.infinity)
        #expect(zset.remove(expected[expected.count / 3].key))
        zset.checkInvariants()
        #expect(zset.count == reference.count - 1)
        #expect(zset.elements(from: zset.count - 1, limit: 3, reverse: true).count == 3)
        #expect(zset.elements(from: 2, limit: 3, reverse: true).map(\.member) == Array(zset.all.prefix(3).reversed()).map(\.member))
    }

    @Test(arguments: [SortedSetValue.maxListpackEntries - 1, SortedSetValue.maxListpackEntries])
    func sortedSetConvertsOnTheMemberPastTheThreshold(size: Int) {
        let zset = SortedSetValue()
        for i in 0..<size { zset.set(ByteString("m\(i)"), score: Double(size - i)) }
        #expect(zset.encodingName == "listpack")
        zset.set("m0", score: -0.0)
        #expect(zset.score(of: "m0")?.sign == .plus)
        zset.set("extra", score: 0.5)
        #expect(zset.encodingName == (size + 1 > SortedSetValue.maxListpackEntries ? "skiplist" : "listpack"))
        zset.checkInvariants()
        #expect(zset.all.prefix(2).map(\.member) == ["m0", "extra"])
        #expect(zset.count == size + 1)
        // Store commands bring a small enough result back.
        zset.remove("extra")
        zset.convertToListpackIfFits()
        #expect(zset.encodingName == "listpack")
        zset.checkInvariants()
        #expect(zset.all.first?.member == "m0")
    }

    @Test func sortedSetConvertsOnAMemberPastTheLongestKept() {
        let zset = SortedSetValue()
        zset.set(ByteString(String(repeating: "m", count: SortedSetValue.maxListpackValue)), score: 1)
        #expect(zset.encodingName == "listpack")
        zset.set(ByteString(String(repeating: "m", count: SortedSetValue.maxListpackValue + 1)), score: -0.0)
        #expect(zset.encodingName == "skiplist")
        zset.checkInvariants()
        #expect(zset.element(at: 0).score.sign == .minus)
    }

    private func streamEntry(_ ms: UInt64, _ seq: UInt64, _ fields: [ByteString]) -> StreamEntry {
        StreamEntry(id: StreamID(ms: ms, seq: seq), fields: fields)
    }

    @Test func streamNodesKeepEveryEntryShape() {
        let huge = ByteString([UInt8](repeating: 0xAB, count: 300_000))
        let entries = [
            streamEntry(5, 7, ["f", "1"]),
            streamEntry(5, 8, ["f", "-0"]),
            streamEntry(5, 9, ["g", "1"]),
            streamEntry(6, 0, ["f", "", "g", ByteString([0, 1, 2])]),
            streamEntry(6, UInt64.max, ["f", huge]),
            streamEntry(1 << 62, 3, ["f", "9223372036854775807"]),
            streamEntry(UInt64.max - 1, 0, ["f", "-9223372036854775808"]),
            streamEntry(UInt64.max, UInt64.max, ["", "", ByteString([0xFF]), "007"]),
        ]
        var log = StreamEntryLog()
        for entry in entries { log.append(entry) }
        #expect(log.invariantViolation() == nil)
        #expect(log.nodeCount == 1)
        let all = log.range(.zero, .max)
        #expect(all.map(\.id) == entries.map(\.id))
        #expect(all.map(\.fields) == entries.map(\.fields))
        #expect(log.range(.zero, .max, reverse: true).map(\.fields) == entries.reversed().map(\.fields))
        #expect(log.first?.fields == entries.first?.fields && log.last?.fields == entries.last?.fields)
        // Deleting in the middle, then the last entry, keeps the rest and moves the last id back.
        let removedMiddle = log.remove(StreamID(ms: 6, seq: 0))
        let removedLast = log.remove(StreamID(ms: UInt64.max, seq: UInt64.max))
        let removedAgain = log.remove(StreamID(ms: 6, seq: 0))
        #expect(removedMiddle && removedLast && !removedAgain)
        #expect(log.lastID == StreamID(ms: UInt64.max - 1, seq: 0))
        #expect(log.invariantViolation() == nil)
        #expect(log.entry(StreamID(ms: 6, seq: UInt64.max))?.fields == ["f", huge])
        #expect(log.range(.zero, .max).map(\.id) == entries.map(\.id).filter { $0 != StreamID(ms: 6, seq: 0) && $0 != .max })
        // Appends after deletions still go after the last id ever appended.
        log.append(streamEntry(UInt64.max, 1, ["f", "x"]))
        #expect(log.last?.fields == ["f", "x"] && log.count == entries.count - 1)
        #expect(log.invariantViolation() == nil)
    }

    @Test func streamTrimsInsideANodeAndKeepsItsMaster() {
        var log = StreamEntryLog()
        for n in 0..<UInt64(150) { log.append(streamEntry(1000 + n, 0, ["field", ByteString(Int64(n) * 1_000_003)])) }
        let byID = log.trim(approximate: false, limit: 0, keepAtLeast: nil, minID: StreamID(ms: 1010, seq: 0))
        #expect(byID == 10)
        #expect(log.firstID == StreamID(ms: 1010, seq: 0))
        #expect(log.first?.fields == ["field", ByteString(Int64(10) * 1_000_003)])
        let byLength = log.trim(approximate: false, limit: 0, keepAtLeast: 45, minID: nil)
        #expect(byLength == 95)
        #expect(log.range(.zero, .max).map(\.id.ms) == Array(1105..<1150))
        #expect(log.invariantViolation() == nil)
    }
}
