import Testing
@testable import RESP

/// Error and status lines carry bytes end to end (issue 18): a script's
/// `redis.error_reply("\xff\xfe…")` reaches the client, and INFO errorstats, as sent.
@Suite struct RESPLineTests {
    @Test func nonUTF8LinesRoundTripByteForByte() throws {
        for wire: [UInt8] in [[0x2D, 0xFF, 0xFE] + Array("BAD oops\r\n".utf8), [0x2B, 0xC3] + Array(" ok\r\n".utf8)] {
            let parsed = try #require(try RESPReplyParser().parse(wire))
            #expect(parsed.consumed == wire.count)
            #expect(RESPEncoder.encode(parsed.0) == wire)
        }
    }

    @Test func equalityAndHashingAreByBytes() {
        let raw = RESPLine(bytes: [0xFF, 0xFE])
        #expect(raw != RESPLine(bytes: [0xFF, 0xFD]))
        #expect(raw.text == "\u{FFFD}\u{FFFD}")
        #expect(raw != RESPLine(raw.text))
        #expect(RESPLine(bytes: Array("ERR x".utf8)) == "ERR x")
        #expect(Set([RESPLine("é"), RESPLine("e\u{301}")]).count == 2)
        #expect(RESPValue.error("ERR x") == .error(RESPLine(bytes: Array("ERR x".utf8))))
        #expect(raw.hasPrefix("") && !raw.hasPrefix("E"))
    }

    @Test func aLineBreakInsideIsWrittenAsASpace() {
        #expect(RESPEncoder.encode(.error(RESPLine(bytes: [0x45, 0x0D, 0x0A, 0xFF]))) == [0x2D, 0x45, 0x20, 0x20, 0xFF, 0x0D, 0x0A])
    }
}
