import Testing
@testable import RESP

@Suite struct RESPArgumentSplitterTests {
    private func split(_ line: String) -> [String]? {
        RESPArgumentSplitter.split(line)?.map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func splitsLikeRedisCli() {
        #expect(split("  SET  key   value ") == ["SET", "key", "value"])
        #expect(split("SET k \"hello world\"") == ["SET", "k", "hello world"])
        #expect(split("ECHO \"a\\tb\\x41\\\"\"") == ["ECHO", "a\tbA\""])
        #expect(split("ECHO 'a\\nb' 'it\\'s'") == ["ECHO", "a\\nb", "it's"])
        #expect(split("ECHO \"\" ''") == ["ECHO", "", ""])
        #expect(split("a\"b c\"") == ["ab c"])
        #expect(split("") == [])
    }

    @Test func rejectsUnbalancedQuotes() {
        #expect(split("ECHO \"open") == nil)
        #expect(split("ECHO 'open") == nil)
        #expect(split("ECHO \"a\"b") == nil)
        #expect(split("ECHO 'a'b") == nil)
    }

    @Test func keepsHexEscapedBytes() {
        #expect(RESPArgumentSplitter.split("\"\\x00\\xff\"") == [[0, 255]])
    }
}
