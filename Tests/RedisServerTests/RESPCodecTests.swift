import NIOCore
import RESP
import RedisSimulator
import Testing
@testable import RedisServer

/// The server's codec on its own: requests fed all at once, in chunks and byte by byte give the
/// same frames; replies encode exactly as RESPEncoder does.
@Suite struct RESPCodecTests {
    static let pipeline = Array("*2\r\n$4\r\nECHO\r\n$3\r\na\r\n\r\nPING\r\n\r\n*0\r\n*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$0\r\n\r\n".utf8)
    static let frames: [RESPRequestFrame] = [
        .command(["ECHO", "a\r\n"]), .command(["PING"]),
        .command(["SET", "k", ""]),
    ]

    /// Feeds `input` in chunks of `chunk` bytes, keeping undecoded bytes as the server's
    /// handler does, and collects every frame.
    func decode(_ input: [UInt8], chunk: Int, authenticated: Bool = true) -> [RESPRequestFrame] {
        var decoder = RESPRequestDecoder()
        var buffer = ByteBuffer()
        var frames: [RESPRequestFrame] = []
        var offset = 0
        while offset < input.count {
            let end = min(offset + chunk, input.count)
            buffer.writeBytes(input[offset..<end])
            while let frame = decoder.next(from: &buffer, authenticated: authenticated) { frames.append(frame) }
            buffer.discardReadBytes()
            offset = end
        }
        return frames
    }

    @Test func framesAreTheSameHoweverTheBytesArrive() {
        #expect(decode(Self.pipeline, chunk: Self.pipeline.count) == Self.frames)
        #expect(decode(Self.pipeline, chunk: 1) == Self.frames)
        #expect(decode(Self.pipeline, chunk: 7) == Self.frames)
    }

    @Test func aProtocolErrorIsTheLastFrame() {
        let input = Array("PING\r\n*1\r\n:1\r\nPING\r\n".utf8)
        let expected: [RESPRequestFrame] = [.command(["PING"]), .protocolError("Protocol error: expected '$', got ':'")]
        #expect(decode(input, chunk: input.count) == expected)
        #expect(decode(input, chunk: 1) == expected)
    }

    @Test func unauthenticatedClientsAreLimitedAsInRedis() {
        #expect(decode(Array("*11\r\n".utf8), chunk: 5, authenticated: false)
            == [.protocolError("Protocol error: unauthenticated multibulk length")])
    }

    @Test func repliesEncodeExactlyAsRESPEncoderDoes() {
        let values: [RESPValue] = [
            .simpleString("OK"), .error("ERR x"), .integer(0), .integer(7), .integer(-42), .integer(Int64.min),
            .integer(Int64.max), .bulk("hi"), .bulkString([]), .nullBulkString, .nullArray, .array([]),
            .array([.integer(1), .array([.bulk("a"), .nullBulkString])]),
        ]
        for value in values {
            var buffer = ByteBuffer()
            buffer.writeRESPValue(value)
            #expect(Array(buffer.readableBytesView) == RESPEncoder.encode(value), "\(value.debugDescription)")
        }
    }
}
