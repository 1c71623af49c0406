import Testing
import RESP
import RedislingsTestSupport

/// The case-file reader and redis-cli quoting the differential harness relies on.
@Suite struct DifferentialFormatTests {
    @Test func splitsWithRedisCliQuoting() throws {
        let args = try #require(RESPArgumentSplitter.split(#"SET "a b" 'c\'d' "\x41\n" plain"#.utf8))
        #expect(args == [Array("SET".utf8), Array("a b".utf8), Array("c'd".utf8), [0x41, 0x0A], Array("plain".utf8)])
        #expect(RESPArgumentSplitter.split(#"SET "unterminated"#.utf8) == nil)
        #expect(RESPArgumentSplitter.split(#"SET "a"b"#.utf8) == nil)
        #expect(RESPArgumentSplitter.split("   ".utf8) == [])
    }

    @Test func readsCasesClientsAndPrefixes() throws {
        let text = """
            # comment
            === first
            SET k v
            ~ @b GET k
            % KEYS *
            @b SEND BLPOP l 0
            @b RECV
            SLEEP 100
            @b CLOSE
            === second
            PING
            """
        let cases = try DifferentialCaseFile.parse(text, file: "x.cases")
        #expect(cases.map(\.name) == ["first", "second"])
        let steps = cases[0].steps
        #expect(steps.count == 7)
        #expect(steps[1].client == "b" && steps[1].comparison.shapeOnly)
        #expect(steps[2].comparison.unordered)
        #expect(steps[3].action == .send([Array("BLPOP".utf8), Array("l".utf8), Array("0".utf8)]))
        #expect(steps[4].action == .receive)
        #expect(steps[5].action == .sleep(100))
        #expect(steps[6].action == .close)
        #expect(cases[1].line == 10)
    }

    @Test(arguments: [
        ("SET k v\n", "x.cases:1: a command before the first `=== name` line; start a case first"),
        ("=== a\nSET \"k\n", "x.cases:2: unbalanced quotes or an empty command; quote as redis-cli does (\"a b\", 'x')"),
        ("=== a\n=== a\n", "x.cases:2: the case name `a` is already used on line 1; give each case its own name"),
        ("=== a\nSLEEP soon\n", "x.cases:2: SLEEP needs one whole number of milliseconds, as in `SLEEP 1100`"),
    ])
    func badFilesNameFileLineAndFix(text: String, message: String) {
        #expect(throws: DifferentialCaseFile.FormatError.self) { try DifferentialCaseFile.parse(text, file: "x.cases") }
        do {
            _ = try DifferentialCaseFile.parse(text, file: "x.cases")
        } catch {
            #expect(error.description == message)
        }
    }
}
