import RedislingsTestSupport
import Testing
@testable import RedisSimulator

/// The chunked entry log against a plain sorted array, across sizes that cross node boundaries.
@Suite(.computesForSeconds) struct StreamEntryLogTests {
    private func entry(_ n: UInt64) -> StreamEntry { StreamEntry(id: StreamID(ms: n / 3, seq: n % 3), fields: ["f", ByteString(String(n))]) }

    @Test func idsSpellAsMillisecondsDashSequence() {
        var generator = SystemRandomNumberGenerator()
        let random = (0..<200).map { _ in
            StreamID(ms: UInt64.random(in: 0...UInt64.max, using: &generator) >> UInt64.random(in: 0...63, using: &generator),
                     seq: UInt64.random(in: 0...UInt64.max, using: &generator) >> UInt64.random(in: 0...63, using: &generator))
        }
        let edges = [StreamID.zero, .max, StreamID(ms: 9, seq: 10), StreamID(ms: 10, seq: 9), StreamID(ms: 1_765_061_234_567, seq: 0)]
        for id in edges + random {
            #expect(id.textBytes == Array("\(id.ms)-\(id.seq)".utf8))
            #expect(id.description == "\(id.ms)-\(id.seq)")
        }
    }

    @Test(arguments: [0, 1, 2, 99, 100, 101, 250, 1000])
    func rangesMatchReferenceModel(size: Int) throws {
        var log = StreamEntryLog()
        var model: [StreamEntry] = []
        var generator = SystemRandomNumberGenerator()
        for n in 0..<UInt64(size) {
            log.append(entry(n * 2))
            model.append(entry(n * 2))
        }
        // Delete a random third.
        for _ in 0..<(size / 3) {
            guard let victim = model.randomElement(using: &generator) else { break }
            let removed = log.remove(victim.id)
            #expect(removed)
            model.removeAll { $0.id == victim.id }
        }
        #expect(log.invariantViolation() == nil)
        #expect(log.count == model.count)
        for _ in 0..<50 {
            let a = StreamID(ms: UInt64.random(in: 0...UInt64(size), using: &generator), seq: UInt64.random(in: 0...3, using: &generator))
            let b = StreamID(ms: UInt64.random(in: 0...UInt64(size), using: &generator), seq: UInt64.random(in: 0...3, using: &generator))
            let (lo, hi) = (min(a, b), max(a, b))
            let limit = Int.random(in: 0...20, using: &generator)
            var expected = model.filter { $0.id >= lo && $0.id <= hi }
            #expect(log.range(lo, hi).map(\.id) == expected.map(\.id))
            if limit > 0 { expected = Array(expected.prefix(limit)) }
            #expect(log.range(lo, hi, limit: limit).map(\.id) == expected.map(\.id))
            var reversed = Array(model.filter { $0.id >= lo && $0.id <= hi }.reversed())
            if limit > 0 { reversed = Array(reversed.prefix(limit)) }
            #expect(log.range(lo, hi, reverse: true, limit: limit).map(\.id) == reversed.map(\.id))
            #expect(log.entry(lo)?.id == model.first { $0.id == lo }?.id)
        }
    }

    @Test(arguments: [0, 5, 99, 100, 150, 320])
    func exactTrimKeepsNewest(maxLength: Int) {
        var log = StreamEntryLog()
        for n in 0..<UInt64(320) { log.append(entry(n)) }
        let removed = log.trim(approximate: false, limit: 0, keepAtLeast: maxLength, minID: nil)
        #expect(removed == 320 - maxLength)
        #expect(log.count == maxLength)
        #expect(log.first?.id == (maxLength == 0 ? nil : entry(UInt64(320 - maxLength)).id))
        #expect(log.invariantViolation() == nil)
    }

    @Test func approximateTrimDropsOnlyWholeNodes() {
        var log = StreamEntryLog()
        for n in 0..<UInt64(250) { log.append(entry(n)) }
        #expect(log.trim(approximate: true, limit: 10_000, keepAtLeast: 120, minID: nil) == 100)
        #expect(log.count == 150)
        #expect(log.trim(approximate: true, limit: 10_000, keepAtLeast: 10, minID: nil) == 100)
        #expect(log.count == 50)
        #expect(log.invariantViolation() == nil)
    }

    @Test func minIDTrim() {
        var log = StreamEntryLog()
        for n in 0..<UInt64(30) { log.append(entry(n)) }
        _ = log.trim(approximate: false, limit: 0, keepAtLeast: nil, minID: StreamID(ms: 5, seq: 0))
        #expect(log.first?.id == StreamID(ms: 5, seq: 0))
        #expect(log.count == 15)
    }
}
