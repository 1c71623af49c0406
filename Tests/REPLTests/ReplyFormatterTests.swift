import Testing
import RESP
@testable import REPL

@Suite struct ReplyFormatterTests {
    @Test func formatsScalars() {
        #expect(ReplyFormatter.format(.integer(3)) == "(integer) 3")
        #expect(ReplyFormatter.format(.nullBulkString) == "(nil)")
        #expect(ReplyFormatter.format(.error("ERR x")) == "(error) ERR x")
    }
}
