import RedislingsTestSupport
import Testing
@testable import RESP

@Suite(.computesForSeconds) struct RESPEncoderTests {
    /// Found by the resp-reply fuzzer: a RESP3 blob error (`!5\r\nabA\r\n\r\n`) is read as an
    /// error whose text holds \r\n; written back as a one-line error it must not end the line early.
    @Test func aLineReplyWithCRLFStaysOneLine() throws {
        let (value, consumed) = try #require(try RESPReplyParser().parse(Array("!5\r\nabA\r\n\r\n".utf8)))
        #expect(consumed == 11)
        #expect(RESPEncoder.encode(value) == Array("-abA  \r\n".utf8))
        #expect(RESPEncoder.encode(.simpleString("a\rb\nc")) == Array("+a b c\r\n".utf8))
        let reencoded = RESPEncoder.encode(.array([.error("x\r\ny"), .integer(1)]))
        let (again, againConsumed) = try #require(try RESPReplyParser().parse(reencoded))
        #expect(againConsumed == reencoded.count)
        #expect(again == .array([.error("x  y"), .integer(1)]))
    }

    @Test func bulksEncodedFromTheirPartsReadAsTheValueTheyStandFor() {
        let long = [UInt8](repeating: 0x78, count: 1_000)
        for parts in [[Array("message".utf8), Array("news".utf8), []], [Array("pmessage".utf8), Array("n*".utf8), Array("news".utf8), long]] {
            let encoded = parts.withUnsafeRawParts { raw in
                RESPEncoder.encodeBulks(UInt8(ascii: "*"), raw[0], raw[1], raw[2], raw.count > 3 ? raw[3] : nil)
            }
            #expect(encoded == RESPEncoder.encode(.array(parts.map { .bulkString($0) })))
            let pushed = parts.withUnsafeRawParts { raw in
                RESPEncoder.encodeBulks(UInt8(ascii: ">"), raw[0], raw[1], raw[2], raw.count > 3 ? raw[3] : nil)
            }
            #expect(pushed == RESPEncoder.encode(.push(parts.map { .bulkString($0) })))
        }
    }

    /// Numbers are written two digits a step with their length found by comparisons: every
    /// length, on both sides of each power of ten, and as a bulk length, reads as Swift prints it.
    @Test func integersOfEveryLengthAreWrittenAsTheirDecimalText() {
        var numbers: [Int64] = [0, Int64.max, Int64.min, Int64.min + 1]
        var power: Int64 = 1
        for _ in 0..<19 {
            numbers += [power - 1, power, power + 1, -(power - 1), -power, -(power + 1)]
            if power <= Int64.max / 10 { power *= 10 }
        }
        for number in numbers {
            #expect(RESPEncoder.encode(.integer(number)) == Array(":\(number)\r\n".utf8), "\(number)")
        }
        for length in [0, 9, 10, 99, 100, 999, 1000, 9999, 10_000, 123_456] {
            let bytes = [UInt8](repeating: 65, count: length)
            #expect(RESPEncoder.encode(.bulkString(bytes)) == Array("$\(length)\r\n".utf8) + bytes + [13, 10])
        }
    }

    /// A score's bytes for a RESP2 reply are its `%.17g` text, whichever way they are made.
    @Test func aDoublesBytesAreItsText() {
        let values: [Double] = [
            1, -1, 3, 0, -0.0, 1.5, 0.1, -2.25, 1e15, 1e15 - 1, -(1e15 - 1), 123_456_789_012_345,
            9_007_199_254_740_993, 1e300, -1e-300, .infinity, -.infinity, .greatestFiniteMagnitude,
        ]
        for value in values {
            #expect(RESPDouble.bytes(value) == Array(RESPDouble.text(value).utf8), "\(value)")
        }
    }

    @Test func encodesEveryKind() {
        #expect(RESPEncoder.encode(.simpleString("OK")) == Array("+OK\r\n".utf8))
        #expect(RESPEncoder.encode(.error("ERR x")) == Array("-ERR x\r\n".utf8))
        #expect(RESPEncoder.encode(.integer(-42)) == Array(":-42\r\n".utf8))
        #expect(RESPEncoder.encode(.integer(Int64.min)) == Array(":-9223372036854775808\r\n".utf8))
        #expect(RESPEncoder.encode(.bulk("hi")) == Array("$2\r\nhi\r\n".utf8))
        #expect(RESPEncoder.encode(.bulkString([])) == Array("$0\r\n\r\n".utf8))
        #expect(RESPEncoder.encode(.nullBulkString) == Array("$-1\r\n".utf8))
        #expect(RESPEncoder.encode(.array([])) == Array("*0\r\n".utf8))
        #expect(RESPEncoder.encode(.nullArray) == Array("*-1\r\n".utf8))
        #expect(RESPEncoder.encode(.integer(0)) == Array(":0\r\n".utf8))
        #expect(RESPEncoder.encode(.integer(10)) == Array(":10\r\n".utf8))
        #expect(RESPEncoder.encode(.integer(-9)) == Array(":-9\r\n".utf8))
        #expect(RESPEncoder.encode(.integer(Int64.max)) == Array(":9223372036854775807\r\n".utf8))
        #expect(RESPEncoder.encode(.simpleString("héllo")) == Array("+héllo\r\n".utf8))
        #expect(RESPEncoder.encode(.array([.integer(1), .array([.bulk("ab"), .nullBulkString]), .nullArray]))
            == Array("*3\r\n:1\r\n*2\r\n$2\r\nab\r\n$-1\r\n*-1\r\n".utf8))
        let long = [UInt8](repeating: 7, count: 1234)
        #expect(RESPEncoder.encode(.bulkString(long)) == Array("$1234\r\n".utf8) + long + [13, 10])
        #expect(RESPEncoder.encode(.array([.integer(1), .bulk("a")])) == Array("*2\r\n:1\r\n$1\r\na\r\n".utf8))
    }
}

extension Array where Element == [UInt8] {
    /// Calls `body` with every part's bytes in place, as the encoder reads a message's parts.
    fileprivate func withUnsafeRawParts<R>(_ body: ([UnsafeRawBufferPointer]) -> R) -> R {
        func collect(_ index: Int, _ raw: [UnsafeRawBufferPointer]) -> R {
            guard index < count else { return body(raw) }
            return self[index].withUnsafeBytes { collect(index + 1, raw + [$0]) }
        }
        return collect(0, [])
    }
}
