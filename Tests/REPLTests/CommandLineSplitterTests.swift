import Testing
@testable import REPL

@Suite struct CommandLineSplitterTests {
    private func split(_ line: String) throws -> [String] {
        try CommandLineSplitter.split(line).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func whitespaceSeparatesArguments() throws {
        #expect(try split("  SET  key\tvalue ") == ["SET", "key", "value"])
        #expect(try split("") == [])
        #expect(try split("   ") == [])
    }

    @Test func doubleQuotesUnderstandEscapes() throws {
        #expect(try split(#"SET k "a b\n\"c\"""#) == ["SET", "k", "a b\n\"c\""])
        #expect(try CommandLineSplitter.split(#""\x41\xff\x0a""#) == [[0x41, 0xFF, 0x0A]])
        #expect(try split(#""\t\r\a\b\q\\""#) == ["\t\r\u{7}\u{8}q\\"])
        // An incomplete \x escape is the letter x, as in redis-cli.
        #expect(try split(#""\x4""#) == ["x4"])
        #expect(try split(#""""#) == [""])
    }

    @Test func singleQuotesAreLiteralExceptForEscapedQuote() throws {
        #expect(try split(#"'a\nb' 'it\'s'"#) == [#"a\nb"#, "it's"])
    }

    @Test func quotesMayStartMidWordButMustEndIt() throws {
        #expect(try split(#"ab"c d" e"#) == ["abc d", "e"])
        #expect(throws: CommandLineSplitter.InvalidArguments.self) { try split(#"ab"c d"e"#) }
    }

    @Test func unbalancedQuotesAreInvalidArguments() {
        for line in [#"SET k "abc"#, "SET k 'abc", #"SET k "a"b"#, "GET 'k'x"] {
            #expect(throws: CommandLineSplitter.InvalidArguments.self, "\(line)") { try split(line) }
        }
        #expect(CommandLineSplitter.invalidArgumentsMessage == "Invalid argument(s)")
    }
}
