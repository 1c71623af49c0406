import Testing
@testable import RESP

/// Feeds input as swift-nio's decoder verifier does: all at once, frame by frame, byte by byte.
/// Each way must give the same commands, and a partial frame must consume nothing.
func decodeRequests(_ input: [UInt8], chunkSizes: [Int]) throws -> [[[UInt8]]] {
    let parser = RESPRequestParser()
    var buffer: [UInt8] = []
    var commands: [[[UInt8]]] = []
    var offset = 0
    var sizes = chunkSizes.makeIterator()
    while offset < input.count {
        let size = min(sizes.next() ?? input.count, input.count - offset)
        buffer += input[offset..<offset + size]
        offset += size
        while true {
            switch try parser.parse(buffer) {
            case .command(let arguments, let consumed):
                commands.append(arguments)
                buffer.removeFirst(consumed)
            case .empty(let consumed):
                buffer.removeFirst(consumed)
            case .needMore:
                // Nothing consumed: parsing again gives the same answer.
                #expect(try parser.parse(buffer) == .needMore)
                break
            }
            if case .needMore = try parser.parse(buffer) { break }
            if buffer.isEmpty { break }
        }
    }
    #expect(buffer.isEmpty, "bytes left over: \(buffer)")
    return commands
}

func verifyRequests(_ text: String, _ expected: [[String]]) throws {
    let input = Array(text.utf8)
    let want = expected.map { $0.map { Array($0.utf8) } }
    #expect(try decodeRequests(input, chunkSizes: [input.count]) == want, "all at once")
    #expect(try decodeRequests(input, chunkSizes: Array(repeating: 1, count: input.count)) == want, "byte by byte")
    #expect(try decodeRequests(input, chunkSizes: [3, 7, 2, 11, 5, 1, 13]) == want, "in uneven chunks")
}

@Suite struct RESPRequestParserTests {
    @Test func multibulkRequests() throws {
        try verifyRequests("*1\r\n$4\r\nPING\r\n*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$0\r\n\r\n", [["PING"], ["SET", "k", ""]])
    }

    @Test func binaryArgumentsKeepEveryByte() throws {
        let input: [UInt8] = Array("*2\r\n$3\r\nGET\r\n$4\r\n".utf8) + [0, 13, 10, 255] + [13, 10]
        let want: [[[UInt8]]] = [[Array("GET".utf8), [0, 13, 10, 255]]]
        #expect(try decodeRequests(input, chunkSizes: [input.count]) == want)
        #expect(try decodeRequests(input, chunkSizes: Array(repeating: 1, count: input.count)) == want)
    }

    @Test func inlineRequests() throws {
        try verifyRequests("PING\r\nset k \"a b\\n\"\nECHO 'it\\'s'\r\n", [["PING"], ["set", "k", "a b\n"], ["ECHO", "it's"]])
    }

    @Test func emptyLinesAndEmptyMultibulksAreSkipped() throws {
        try verifyRequests("\r\n\n*0\r\n*-1\r\n   \r\nPING\r\n", [["PING"]])
    }

    @Test func aPartialFrameNeedsMoreAndConsumesNothing() throws {
        let parser = RESPRequestParser()
        for partial in ["*", "*2", "*2\r", "*2\r\n$3\r\nGE", "*2\r\n$3\r\nGET\r\n$1\r\nk\r", "PIN"] {
            #expect(try parser.parse(Array(partial.utf8)) == .needMore, "\(partial.debugDescription)")
        }
    }

    @Test func neverReadsPastTheFrame() throws {
        let parser = RESPRequestParser()
        let frame = "*1\r\n$4\r\nPING\r\n"
        let outcome = try parser.parse(Array((frame + "*9\r\n$9").utf8))
        #expect(outcome == .command([Array("PING".utf8)], consumed: frame.utf8.count))
    }

    @Test(arguments: [
        ("*x\r\n", "Protocol error: invalid multibulk length"),
        ("*+1\r\n", "Protocol error: invalid multibulk length"),
        ("*01\r\n", "Protocol error: invalid multibulk length"),
        ("*3000000000\r\n", "Protocol error: invalid multibulk length"),
        ("*1\r\n+PING\r\n", "Protocol error: expected '$', got '+'"),
        ("*1\r\n$-1\r\n", "Protocol error: invalid bulk length"),
        ("*1\r\n$abc\r\n", "Protocol error: invalid bulk length"),
        ("*1\r\n$536870913\r\n", "Protocol error: invalid bulk length"),
        ("SET k \"unterminated\r\n", "Protocol error: unbalanced quotes in request"),
        ("SET k \"a\"b\r\n", "Protocol error: unbalanced quotes in request"),
        ("SET k 'a\r\n", "Protocol error: unbalanced quotes in request"),
    ])
    func malformedInputGetsRedisErrorText(input: String, message: String) {
        #expect(throws: RESPProtocolError(message)) { try RESPRequestParser().parse(Array(input.utf8)) }
    }

    @Test func oversizedInputIsRejectedBeforeItEnds() {
        let parser = RESPRequestParser()
        let longLine = [UInt8](repeating: UInt8(ascii: "a"), count: 64 * 1024 + 1)
        #expect(throws: RESPProtocolError("Protocol error: too big inline request")) { try parser.parse(longLine) }
        #expect(throws: RESPProtocolError("Protocol error: too big mbulk count string")) {
            try parser.parse([UInt8(ascii: "*")] + longLine)
        }
        #expect(throws: RESPProtocolError("Protocol error: too big bulk count string")) {
            try parser.parse(Array("*1\r\n$".utf8) + longLine)
        }
    }

    @Test func unauthenticatedClientsGetSmallLimits() {
        let parser = RESPRequestParser()
        #expect(throws: RESPProtocolError("Protocol error: unauthenticated multibulk length")) {
            try parser.parse(Array("*11\r\n".utf8), authenticated: false)
        }
        #expect(throws: RESPProtocolError("Protocol error: unauthenticated bulk length")) {
            try parser.parse(Array("*1\r\n$16385\r\n".utf8), authenticated: false)
        }
        #expect(throws: Never.self) { try parser.parse(Array("*11\r\n".utf8), authenticated: true) }
    }

    @Test func anErrorInTheReceivedPartIsReportedAtOnce() {
        #expect(throws: RESPProtocolError("Protocol error: expected '$', got 'x'")) {
            try RESPRequestParser().parse(Array("*2\r\nx".utf8) + Array("\r\n".utf8))
        }
    }
}
