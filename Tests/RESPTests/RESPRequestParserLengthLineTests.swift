import Testing
@testable import RESP

/// The `*` and `$` lines, which the parser reads in one pass when they are short plain
/// numbers, against the general reading Redis's does (the first CR, one more byte, then a strict
/// decimal): every prefix of every request gives the same step or the same error.
@Suite struct RESPRequestParserLengthLineTests {
    /// The general reading: the whole parse of one request from scratch, as a description.
    private func reference(_ bytes: [UInt8], maxBulkLength: Int64 = 512 * 1024 * 1024) -> String {
        func crFrom(_ start: Int) -> Int? { bytes[start...].firstIndex(of: 13) }
        func decimal(_ from: Int, _ to: Int) -> Int64? { bytes.withUnsafeBufferPointer { RESPDecimal.parse($0, from: from, to: to) } }
        guard !bytes.isEmpty, bytes[0] == UInt8(ascii: "*") else { return "not multibulk" }
        guard let headerEnd = crFrom(0) else { return "partial 0 []" }
        guard headerEnd + 2 <= bytes.count else { return "partial 0 []" }
        guard let count = decimal(1, headerEnd), count <= Int64(Int32.max) else { return "error \(RESPProtocolError.invalidMultibulkLength)" }
        var position = headerEnd + 2
        if count <= 0 { return "empty \(position)" }
        var arguments: [[UInt8]] = []
        for _ in 0..<count {
            guard position < bytes.count, let lineEnd = crFrom(position) else { return "partial \(position) \(arguments)" }
            guard lineEnd + 2 <= bytes.count else { return "partial \(position) \(arguments)" }
            guard bytes[position] == UInt8(ascii: "$") else { return "error \(RESPProtocolError.expectedDollar(got: bytes[position]))" }
            guard let length = decimal(position + 1, lineEnd), length >= 0, length <= maxBulkLength else {
                return "error \(RESPProtocolError.invalidBulkLength)"
            }
            let start = lineEnd + 2
            guard Int64(bytes.count - start) >= length + 2 else { return "partial \(start) \(arguments)" }
            arguments.append(Array(bytes[start..<start + Int(length)]))
            position = start + Int(length) + 2
        }
        return "command \(position) \(arguments)"
    }

    private func parsed(_ bytes: [UInt8], maxBulkLength: Int64 = 512 * 1024 * 1024) -> String {
        var parser = RESPRequestParser()
        parser.maxBulkLength = maxBulkLength
        var progress = RESPRequestParser.Progress()
        var arguments: [[UInt8]] = []
        do {
            let step = try bytes.withUnsafeBufferPointer { buffer throws(RESPProtocolError) in
                try parser.parse(buffer, progress: &progress) { arguments.append(Array($0)) }
            }
            switch step {
            case .command(let consumed): return "command \(consumed) \(arguments)"
            case .empty(let consumed): return "empty \(consumed)"
            case .partial(let consumed): return "partial \(consumed) \(arguments)"
            }
        } catch {
            return "error \(error)"
        }
    }

    static let countLines = ["0", "1", "2", "00", "01", "-1", "+1", " 1", "1 ", "9", "10", "123456789", "1234567890",
                             "2147483647", "2147483648", "99999999999999999999", "1a", "", "-0", "0x1", "\n1"]
    static let lengthLines = ["0", "1", "3", "00", "03", "-1", "+3", " 3", "3 ", "12", "123456789", "1234567890",
                              "99999999999999999999", "3a", "", "-0", "\n3"]

    /// Every prefix of `wire` reads the same both ways, with the default and a small
    /// proto-max-bulk-len.
    private func expectSameReadings(_ wire: String, line: String) {
        let bytes = Array(wire.utf8)
        for end in 1...bytes.count {
            let prefix = Array(bytes[..<end])
            for limit: Int64 in [512 * 1024 * 1024, 2] {
                #expect(parsed(prefix, maxBulkLength: limit) == reference(prefix, maxBulkLength: limit),
                        "\(line.debugDescription), \(end) bytes, limit \(limit)")
            }
        }
    }

    @Test(arguments: countLines)
    func multibulkCountsReadAsRedisReadsThem(line: String) {
        expectSameReadings("*\(line)\r\n$3\r\nGET\r\n$1\r\nk\r\n", line: line)
    }

    @Test(arguments: lengthLines)
    func bulkLengthsReadAsRedisReadsThem(line: String) {
        expectSameReadings("*2\r\n$3\r\nGET\r\n$\(line)\r\nabc\r\n", line: line)
    }

    @Test func aLineNotYetWholeWaitsForTheByteAfterItsCR() {
        // `$3\r` alone: Redis needs one more byte before it reads the line.
        let wire = Array("*1\r\n$3\r".utf8)
        #expect(parsed(wire) == "partial 4 []")
        #expect(parsed(Array("*1\r".utf8)) == "partial 0 []")
    }
}
