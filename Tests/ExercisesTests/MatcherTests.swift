import Exercises
import RESP
import Testing

/// Each row of FORMAT.md's expectation table, matching and not matching.
@Suite struct MatcherTests {
    private let bulk = { (text: String) in RESPValue.bulkString(Array(text.utf8)) }

    @Test func stringsIntegersAndNull() {
        #expect(Expectation.string("hello").matches(bulk("hello")))
        #expect(Expectation.string("OK").matches(.simpleString("OK")))
        #expect(!Expectation.string("hello").matches(bulk("hello!")))
        #expect(!Expectation.string("3").matches(.integer(3)))
        #expect(Expectation.integer(3).matches(.integer(3)))
        #expect(!Expectation.integer(3).matches(bulk("3")))
        #expect(Expectation.null.matches(.nullBulkString))
        #expect(Expectation.null.matches(.nullArray))
        #expect(!Expectation.null.matches(bulk("")))
    }

    @Test func arraysMatchInOrderAndLength() {
        let reply = RESPValue.array([bulk("a"), .integer(1), .nullBulkString])
        #expect(Expectation.array([.string("a"), .integer(1), .null]).matches(reply))
        #expect(!Expectation.array([.integer(1), .string("a"), .null]).matches(reply))
        #expect(!Expectation.array([.string("a"), .integer(1)]).matches(reply))
        #expect(Expectation.unordered([.null, .string("a"), .integer(1)]).matches(reply))
        #expect(!Expectation.unordered([.string("a"), .string("a"), .integer(1)]).matches(reply))
        #expect(Expectation.length(3).matches(reply))
        #expect(Expectation.length(5).matches(bulk("hello")))
        #expect(!Expectation.length(2).matches(reply))
    }

    @Test func errorsPatternsRangesAnyAndNot() {
        let wrongType = RESPValue.error("WRONGTYPE Operation against a key holding the wrong kind of value")
        #expect(Expectation.error("WRONGTYPE").matches(wrongType))
        #expect(!Expectation.error("ERR").matches(wrongType))
        #expect(!Expectation.error("ERR").matches(bulk("ERR")))
        #expect(Expectation.matches("^\\d+-\\d+$").matches(bulk("1700000000000-0")))
        #expect(Expectation.matches("^\\d+$").matches(.integer(42)))
        #expect(!Expectation.matches("^\\d+-\\d+$").matches(bulk("abc")))
        #expect(Expectation.between(1, 30).matches(.integer(30)))
        #expect(Expectation.between(1, 30).matches(bulk("1")))
        #expect(!Expectation.between(1, 30).matches(.integer(31)))
        #expect(!Expectation.between(1, 30).matches(bulk("x")))
        #expect(Expectation.any.matches(.nullBulkString))
        #expect(!Expectation.any.matches(wrongType))
        #expect(Expectation.not(.null).matches(bulk("x")))
        #expect(!Expectation.not(.null).matches(.nullBulkString))
    }
}
