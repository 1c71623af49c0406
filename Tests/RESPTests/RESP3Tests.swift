import Testing
import RESP

/// The RESP3 types: their wire form, parsing them back (whole, byte by byte), and how each
/// reaches a RESP2 client.
@Suite struct RESP3Tests {
    static let samples: [RESPValue] = [
        .map([.bulk("a"), .integer(1), .bulk("b"), .array([.null])]),
        .set([.bulk("x"), .simpleString("y")]),
        .push([.bulk("invalidate"), .array([.bulk("k")])]),
        .double(1.5), .double(-.infinity), .double(0.1),
        .boolean(true), .boolean(false), .null,
        .verbatimString(format: "txt", text: Array("hi\r\nthere".utf8)),
        .bigNumber("-1234567890123456789012345"),
        .map([]), .set([]),
    ]

    @Test func encodesEachType() {
        #expect(RESPEncoder.encode(.map([.bulk("a"), .integer(1)])) == Array("%1\r\n$1\r\na\r\n:1\r\n".utf8))
        #expect(RESPEncoder.encode(.set([.bulk("a")])) == Array("~1\r\n$1\r\na\r\n".utf8))
        #expect(RESPEncoder.encode(.push([.bulk("a")])) == Array(">1\r\n$1\r\na\r\n".utf8))
        #expect(RESPEncoder.encode(.double(1.1)) == Array(",1.1000000000000001\r\n".utf8))
        #expect(RESPEncoder.encode(.double(3)) == Array(",3\r\n".utf8))
        #expect(RESPEncoder.encode(.double(.infinity)) == Array(",inf\r\n".utf8))
        #expect(RESPEncoder.encode(.boolean(true)) == Array("#t\r\n".utf8))
        #expect(RESPEncoder.encode(.null) == Array("_\r\n".utf8))
        #expect(RESPEncoder.encode(.verbatimString(format: "txt", text: Array("ok".utf8))) == Array("=6\r\ntxt:ok\r\n".utf8))
        #expect(RESPEncoder.encode(.bigNumber("12")) == Array("(12\r\n".utf8))
    }

    @Test func parsesWhatItEncodesWholeAndByteByByte() throws {
        var stream: [UInt8] = []
        for value in Self.samples { stream += RESPEncoder.encode(value) }
        for chunk in [stream.count, 1, 3] {
            var buffer: [UInt8] = []
            var parsed: [RESPValue] = []
            var offset = 0
            while offset < stream.count {
                buffer += stream[offset..<min(offset + chunk, stream.count)]
                offset += chunk
                while let (value, consumed) = try RESPReplyParser().parse(buffer) {
                    parsed.append(value)
                    buffer.removeFirst(consumed)
                }
            }
            #expect(parsed == Self.samples, "chunk \(chunk)")
        }
    }

    @Test func parsesAttributesAndBlobErrors() throws {
        let parser = RESPReplyParser()
        #expect(try parser.parse(Array("|1\r\n+ttl\r\n:3\r\n:7\r\n".utf8))?.0 == .integer(7))
        #expect(try parser.parse(Array("!9\r\nERR oh no\r\n".utf8))?.0 == .error("ERR oh no"))
        #expect(throws: RESPProtocolError("Protocol error: invalid boolean")) { try parser.parse(Array("#x\r\n".utf8)) }
        #expect(throws: RESPProtocolError("Protocol error: invalid double")) { try parser.parse(Array(",1x\r\n".utf8)) }
        #expect(throws: RESPProtocolError("Protocol error: invalid multibulk length")) { try parser.parse(Array("%-1\r\n".utf8)) }
    }

    @Test func resp2ReadsEachTypeAsRedisDowngradesIt() {
        let value = RESPValue.map([.bulk("s"), .set([.bulk("m")]), .bulk("d"), .double(2.5), .bulk("b"), .boolean(true),
                                   .bulk("n"), .null, .bulk("v"), .verbatim("txt"), .bulk("p"), .push([.bigNumber("9")])])
        #expect(value.adapted(toProtocol: 2) == .array([
            .bulk("s"), .array([.bulk("m")]), .bulk("d"), .bulk("2.5"), .bulk("b"), .integer(1),
            .bulk("n"), .nullBulkString, .bulk("v"), .bulk("txt"), .bulk("p"), .array([.bulk("9")]),
        ]))
        #expect(RESPValue.array([.nullBulkString, .nullArray]).adapted(toProtocol: 3) == .array([.null, .null]))
        let plain = RESPValue.array([.bulk("a"), .integer(1), .nullArray])
        #expect(plain.adapted(toProtocol: 2) == plain)
    }
}
