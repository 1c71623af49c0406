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

    /// Decodes every command `input` holds into `commands`, as the handler does.
    func decodeCommands(_ input: String, with decoder: inout RESPRequestDecoder, into commands: inout [[ByteString]]) {
        var buffer = ByteBuffer(string: input)
        while let frame = decoder.next(from: &buffer, authenticated: true) {
            guard case .command(let arguments) = frame else {
                Issue.record("not a command: \(frame)")
                return
            }
            commands.append(arguments)
        }
    }

    @Test func recycledArgumentArraysHoldOnlyTheNextCommandsAndLeaveHeldCopiesAlone() {
        var decoder = RESPRequestDecoder()
        var commands: [[ByteString]] = []
        let long = String(repeating: "x ", count: 40)
        // Batches of different sizes take both ways of recycling (every spare in use, or some
        // left), and a command of many arguments gives an array too big to keep.
        let batches = [
            "SET a 1\r\nECHO \(long)\r\nGET a\r\n", "PING\r\n", "ECHO \(long)\r\nDEL x y z w\r\n",
            "GET k\r\nGET l\r\nGET m\r\nGET n\r\n", "LPUSH q v\r\n",
        ]
        var held: [[ByteString]] = []
        for batch in batches {
            decodeCommands(batch, with: &decoder, into: &commands)
            let expected = batch.split(separator: "\r\n").map { line in line.split(separator: " ").map { ByteString(String($0)) } }
            #expect(commands == expected, "\(batch.debugDescription)")
            // A queued transaction keeps its commands after the run: they must not change.
            held.append(contentsOf: commands)
            decoder.recycle(&commands)
            #expect(commands.isEmpty)
        }
        let all = batches.flatMap { batch in
            batch.split(separator: "\r\n").map { line in line.split(separator: " ").map { ByteString(String($0)) } }
        }
        #expect(held == all)
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
        // One after another in a small buffer that grows, behind bytes already read, and
        // mixed with pushed messages: each lands at the writer index, nothing overwritten.
        var buffer = ByteBuffer()
        buffer.writeString("skip")
        buffer.moveReaderIndex(forwardBy: 4)
        var expected: [UInt8] = []
        for value in values + values {
            buffer.writeRESPValue(value)
            expected += RESPEncoder.encode(value)
            let push = RESPEncoder.encode(.array([.bulk("message"), .bulk("c"), value]))
            buffer.writeEncoded(push)
            expected += push
        }
        buffer.writeEncoded([])
        #expect(Array(buffer.readableBytesView) == expected)
    }
}
