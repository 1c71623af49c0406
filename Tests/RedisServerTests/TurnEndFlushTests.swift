import NIOCore
import NIOEmbedded
import RESP
import RedisSimulator
import Testing
@testable import RedisServer

/// A read's replies wait for the end of the loop's turn, as Redis writes its clients in
/// `beforeSleep`, and then go out in one write per connection, after every connection's reads.
@Suite struct TurnEndFlushTests {
    /// A connection on an embedded loop, whose turn ends when the test runs the loop's tasks.
    private struct Connection {
        let channel: EmbeddedChannel
        let loop: EmbeddedEventLoop

        init(simulator: Simulator, delivery: LoopPushDelivery, loop: EmbeddedEventLoop) throws {
            self.loop = loop
            let handler = SimulatorClientHandler(
                simulator: simulator, scriptThread: ScriptThread(), delivery: delivery, onShutdown: {})
            channel = EmbeddedChannel(handler: handler, loop: loop)
            try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 6379)).wait()
        }

        /// Hands `text` to the connection as one read.
        func receive(_ text: String) throws {
            try channel.writeInbound(channel.allocator.buffer(string: text))
        }

        /// Everything written to the socket so far.
        func written() throws -> String {
            var text = ""
            while var buffer = try channel.readOutbound(as: ByteBuffer.self) {
                text += buffer.readString(length: buffer.readableBytes) ?? ""
            }
            return text
        }
    }

    @Test func repliesOfEveryConnectionGoOutOnceTheTurnEnds() throws {
        let loop = EmbeddedEventLoop()
        let simulator = Simulator()
        let delivery = LoopPushDelivery(eventLoop: loop)
        let first = try Connection(simulator: simulator, delivery: delivery, loop: loop)
        let second = try Connection(simulator: simulator, delivery: delivery, loop: loop)

        try first.receive("SET k 1\r\nINCR k\r\n")
        try second.receive("GET k\r\n")
        // Both reads are answered, and nothing is written before the turn ends.
        #expect(try first.written() == "")
        #expect(try second.written() == "")

        loop.run()
        #expect(try first.written() == "+OK\r\n:2\r\n")
        #expect(try second.written() == "$1\r\n2\r\n")

        // The next turn starts afresh: its read waits for its own end.
        try second.receive("PING\r\n")
        #expect(try second.written() == "")
        loop.run()
        #expect(try second.written() == "+PONG\r\n")
        _ = try first.channel.finish()
        _ = try second.channel.finish()
    }
}
