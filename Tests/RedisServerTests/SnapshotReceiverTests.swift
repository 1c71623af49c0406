import NIOCore
import Testing
@testable import RedisServer

/// The snapshot a primary sends after FULLRESYNC, read in both of Redis's forms, whole, byte
/// by byte, and with the command stream that follows it in the same read.
@Suite struct SnapshotReceiverTests {
    static let mark = String(repeating: "ab", count: 20)

    /// Feeds `wire` in pieces of `step` bytes; returns the snapshot and what was left unread.
    private func receive(_ wire: [UInt8], step: Int) -> (SnapshotReceiver.Outcome, [UInt8]) {
        var receiver = SnapshotReceiver()
        var buffer = ByteBuffer()
        var offset = 0
        while offset < wire.count {
            let end = min(offset + step, wire.count)
            buffer.writeBytes(wire[offset..<end])
            offset = end
            let outcome = receiver.read(&buffer)
            if outcome != .needMore { return (outcome, Array(buffer.readableBytesView) + Array(wire[offset...])) }
        }
        return (.needMore, [])
    }

    @Test(arguments: [1, 3, 1000])
    func aSizedSnapshotEndsAtItsSize(step: Int) {
        let wire = Array("\n\n$5\r\nREDIS*1\r\n$4\r\nPING\r\n".utf8)
        let (outcome, rest) = receive(wire, step: step)
        #expect(outcome == .complete(Array("REDIS".utf8)))
        #expect(rest == Array("*1\r\n$4\r\nPING\r\n".utf8))
    }

    @Test(arguments: [1, 7, 1000])
    func aDisklessSnapshotEndsAtItsMark(step: Int) {
        let wire = Array("\n$EOF:\(Self.mark)\r\nREDIS0010payload\(Self.mark)".utf8)
        let (outcome, rest) = receive(wire, step: step)
        #expect(outcome == .complete(Array("REDIS0010payload".utf8)))
        #expect(rest.isEmpty)
    }

    @Test func anErrorOrAShortMarkIsRefused() {
        guard case .invalid = receive(Array("-LOADING Redis is loading\r\n".utf8), step: 100).0 else {
            Issue.record("an error reply was taken for a snapshot")
            return
        }
        guard case .invalid = receive(Array("$EOF:short\r\n".utf8), step: 100).0 else {
            Issue.record("a short EOF mark was accepted")
            return
        }
    }
}
