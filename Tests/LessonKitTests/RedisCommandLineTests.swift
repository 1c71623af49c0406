import Testing
@testable import LessonKit

@Suite struct RedisCommandLineTests {
    @Test(arguments: [
        ("SET k v", ["SET", "k", "v"]),
        ("  SET   k   v  ", ["SET", "k", "v"]),
        ("SET k \"a b\"", ["SET", "k", "a b"]),
        ("SET k 'it\\'s'", ["SET", "k", "it's"]),
        ("SET k \"line\\nnext\"", ["SET", "k", "line\nnext"]),
        ("SET k \"\\x41\\x42\"", ["SET", "k", "AB"]),
        ("SET k \"\"", ["SET", "k", ""]),
        ("", []),
    ])
    func splitsLikeRedisCli(line: String, expected: [String]) {
        #expect(RedisCommandLine.split(line) == expected)
    }

    @Test(arguments: ["SET k \"open", "SET k 'open", "SET k \"a\"b"])
    func rejectsUnbalancedQuotes(line: String) {
        #expect(RedisCommandLine.split(line) == nil)
    }

    @Test func skipsCommentsAndBlankLinesOfARedisBlock() {
        let block = CodeBlock(language: "redis", code: "# set up\nSET a 1\n\n  GET a\n", line: 10)
        #expect(block.commands.map(\.text) == ["SET a 1", "GET a"])
        #expect(block.commands.map(\.line) == [12, 14])
    }
}
