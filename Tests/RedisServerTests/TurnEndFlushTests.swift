import Glibc
import NIOCore
import RESP
import RedisSimulator
import Testing
@testable import RedisServer

/// A read's replies wait for the end of the loop's turn, as Redis writes its clients in
/// `beforeSleep`, and then go out in one write per connection, after every connection's reads.
@Suite struct TurnEndFlushTests {
    /// A connection served on one end of a socket pair; the test speaks on the other end.
    private final class Connection: @unchecked Sendable {
        let handler: SimulatorClientHandler
        let peer: Int32

        init(simulator: Simulator, delivery: LoopPushDelivery, loop: ServeEventLoop) async throws {
            var ends: [Int32] = [0, 0]
            try #require(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &ends) == 0)
            for end in ends { _ = fcntl(end, F_SETFL, O_NONBLOCK) }
            peer = ends[1]
            let connection = ServeConnection(fd: ends[0], loop: loop) { _ in }
            let handler = SimulatorClientHandler(
                connection: connection, simulator: simulator, scriptThread: ScriptThread(), delivery: delivery,
                onShutdown: {})
            self.handler = handler
            // Made here, used only on the loop from now on, as the server hands handlers over.
            let handoff = LoopConfined(handler)
            try await loop.submit { handoff.value.start() }.get()
        }

        /// Sends `text` and lets the connection read it, as one read of this turn; on the loop.
        func receive(_ text: String) {
            _ = Array(text.utf8).withUnsafeBytes { Glibc.write(peer, $0.baseAddress, $0.count) }
            handler.connectionReadable()
        }

        /// Everything written to the socket so far.
        func written() -> String {
            var bytes: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = Glibc.read(peer, &chunk, chunk.count)
                guard count > 0 else { break }
                bytes += chunk[..<count]
            }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    @Test func repliesOfEveryConnectionGoOutOnceTheTurnEnds() async throws {
        let loop = try ServeEventLoop(name: "turn-end-test")
        let simulator = Simulator()
        let delivery = LoopPushDelivery(eventLoop: loop)
        let first = try await Connection(simulator: simulator, delivery: delivery, loop: loop)
        let second = try await Connection(simulator: simulator, delivery: delivery, loop: loop)

        let beforeTheTurnEnds = try await loop.submit {
            first.receive("SET k 1\r\nINCR k\r\n")
            second.receive("GET k\r\n")
            // Both reads are answered, and nothing is written before the turn ends.
            return [first.written(), second.written()]
        }.get()
        #expect(beforeTheTurnEnds == ["", ""])
        // A task queued now runs after the turn's end.
        try await loop.submit {}.get()
        #expect(first.written() == "+OK\r\n:2\r\n")
        #expect(second.written() == "$1\r\n2\r\n")

        // The next turn starts afresh: its read waits for its own end.
        let nextTurn = try await loop.submit {
            second.receive("PING\r\n")
            return second.written()
        }.get()
        #expect(nextTurn == "")
        try await loop.submit {}.get()
        #expect(second.written() == "+PONG\r\n")
        await loop.shutdown()
    }
}
