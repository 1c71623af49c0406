import Testing
@testable import RESP

/// The parser's incremental form: a request arriving in pieces is read once, each argument
/// handed over as soon as it is whole, whatever the pieces' sizes.
@Suite struct RESPRequestParserIncrementalTests {
    /// Feeds `wire` in pieces of `pieceSize` bytes, as a server's reads bring them; returns
    /// every argument handed over and how many times the parser was asked.
    private func feed(_ wire: [UInt8], pieceSize: Int) throws -> (arguments: [[UInt8]], steps: [RESPRequestParser.IncrementalStep]) {
        let parser = RESPRequestParser()
        var progress = RESPRequestParser.Progress()
        var buffer: [UInt8] = []
        var arguments: [[UInt8]] = []
        var steps: [RESPRequestParser.IncrementalStep] = []
        var offset = 0
        while offset < wire.count {
            let end = min(wire.count, offset + pieceSize)
            buffer += wire[offset..<end]
            offset = end
            let step = try buffer.withUnsafeBufferPointer { bytes throws(RESPProtocolError) in
                try parser.parse(bytes, progress: &progress) { arguments.append(Array($0)) }
            }
            steps.append(step)
            switch step {
            case .command(let consumed), .empty(let consumed), .partial(let consumed):
                buffer.removeFirst(consumed)
            }
        }
        return (arguments, steps)
    }

    @Test(arguments: [1, 2, 3, 7, 64, 100_000])
    func everyArgumentIsHandedOverOnceWhateverThePieces(pieceSize: Int) throws {
        let values = (0..<500).map { Array("value-\($0)".utf8) }
        var wire = Array("*501\r\n$5\r\nRPUSH\r\n".utf8)
        for value in values { wire += Array("$\(value.count)\r\n".utf8) + value + [13, 10] }
        let (arguments, steps) = try feed(wire, pieceSize: pieceSize)
        #expect(arguments == [Array("RPUSH".utf8)] + values)
        guard case .command? = steps.last else {
            Issue.record("the request did not end: \(String(describing: steps.last))")
            return
        }
    }

    @Test func wholeArgumentsAreConsumedBeforeTheRequestEnds() throws {
        let parser = RESPRequestParser()
        var progress = RESPRequestParser.Progress()
        var arguments: [[UInt8]] = []
        let head = Array("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$10\r\nabc".utf8)
        let step = try head.withUnsafeBufferPointer { bytes throws(RESPProtocolError) in
            try parser.parse(bytes, progress: &progress) { arguments.append(Array($0)) }
        }
        // SET and k are taken, and the `$10` line: only the three bytes of the value wait.
        #expect(step == .partial(consumed: head.count - 3))
        #expect(arguments == [Array("SET".utf8), Array("k".utf8)])
        #expect(progress.argumentsLeft == 1 && progress.bulkLength == 10)
        let rest = Array("abcdefghij\r\n".utf8)
        let end = try rest.withUnsafeBufferPointer { bytes throws(RESPProtocolError) in
            try parser.parse(bytes, progress: &progress) { arguments.append(Array($0)) }
        }
        #expect(end == .command(consumed: rest.count))
        #expect(arguments.last == Array("abcdefghij".utf8))
        #expect(!progress.isInsideRequest)
    }
}
