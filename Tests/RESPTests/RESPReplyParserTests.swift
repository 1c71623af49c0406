import Testing
@testable import RESP

@Suite struct RESPReplyParserTests {
    static let samples: [RESPValue] = [
        .simpleString("OK"), .error("ERR wrong"), .integer(-42), .integer(Int64.min), .bulk("hi"),
        .bulkString([0, 13, 10, 255]), .bulkString([]), .nullBulkString, .nullArray, .array([]),
        .array([.integer(1), .array([.bulk("a"), .nullBulkString, .nullArray]), .error("E")]),
    ]

    /// Decodes a stream fed in chunks of `size`, checking that partial frames consume nothing.
    func decode(_ bytes: [UInt8], chunk size: Int) throws -> [RESPValue] {
        let parser = RESPReplyParser()
        var buffer: [UInt8] = []
        var values: [RESPValue] = []
        var offset = 0
        while offset < bytes.count {
            let end = min(offset + size, bytes.count)
            buffer += bytes[offset..<end]
            offset = end
            while let (value, consumed) = try parser.parse(buffer) {
                values.append(value)
                buffer.removeFirst(consumed)
            }
        }
        #expect(buffer.isEmpty)
        return values
    }

    @Test func roundTripsEveryKindAllAtOnceFrameByFrameAndByteByByte() throws {
        var stream: [UInt8] = []
        for value in Self.samples { stream += RESPEncoder.encode(value) }
        #expect(try decode(stream, chunk: stream.count) == Self.samples)
        #expect(try decode(stream, chunk: 1) == Self.samples)
        #expect(try decode(stream, chunk: 5) == Self.samples)
        for value in Self.samples {
            #expect(try RESPReplyParser().parse(RESPEncoder.encode(value))?.0 == value)
        }
    }

    @Test func nullArrayNullBulkAndEmptyStayDistinct() throws {
        let parser = RESPReplyParser()
        #expect(try parser.parse(Array("*-1\r\n".utf8))?.0 == .nullArray)
        #expect(try parser.parse(Array("$-1\r\n".utf8))?.0 == .nullBulkString)
        #expect(try parser.parse(Array("*0\r\n".utf8))?.0 == .array([]))
        #expect(try parser.parse(Array("$0\r\n\r\n".utf8))?.0 == .bulkString([]))
    }

    @Test func limitsNestingDepth() throws {
        let parser = RESPReplyParser(maxDepth: 3)
        #expect(try parser.parse(Array("*1\r\n*1\r\n*1\r\n:1\r\n".utf8))?.0 == .array([.array([.array([.integer(1)])])]))
        #expect(throws: RESPProtocolError("Protocol error: nesting too deep")) {
            try parser.parse(Array("*1\r\n*1\r\n*1\r\n*1\r\n:1\r\n".utf8))
        }
    }

    @Test(arguments: ["?x\r\n", ":12a\r\n", "$3\r\nabcd\r\n", "$-2\r\n", "*-2\r\n", "+OK\rX"])
    func rejectsMalformedReplies(input: String) {
        #expect(throws: RESPProtocolError.self) { try RESPReplyParser().parse(Array(input.utf8)) }
    }

    @Test func rejectsOversizedBulks() {
        let parser = RESPReplyParser(maxBulkLength: 10)
        #expect(throws: RESPProtocolError("Protocol error: invalid bulk length")) { try parser.parse(Array("$11\r\n".utf8)) }
    }
}
