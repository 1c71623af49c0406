import Testing
import RESP
import RedislingsTestSupport
@testable import RedisSimulator

/// Expected results were read from redis-server 7.0.15 (`SET <string> 1`, `KEYS <pattern>`).
@Suite struct GlobPatternTests {
    static let verified: [(String, String, Bool)] = [
        ("h?llo", "hello", true), ("h?llo", "hllo", false), ("h*llo", "hllo", true),
        ("h*llo", "heeeello", true), ("h[ae]llo", "hello", true), ("h[ae]llo", "hillo", false),
        ("h[^e]llo", "hallo", true), ("h[^e]llo", "hello", false), ("h[a-b]llo", "hbllo", true),
        ("h[b-a]llo", "hbllo", true), ("h[a-b]llo", "hcllo", false), ("h\\*llo", "h*llo", true),
        ("h\\*llo", "hello", false), ("[abc", "a", true), ("[abc", "b", true), ("a\\", "a\\", true),
        ("a\\", "a", false), ("*a*b*", "xxaxxbxx", true), ("*a*b*", "xxbxxaxx", false), ("a*", "a", true),
        ("a**", "abc", true), ("[\\]]", "]", true), ("[\\-]", "-", true), ("[a-]", "-", false),
        ("[a-]", "a", true), ("[]", "]", false), ("H?LLO", "hello", false), ("*", "anything", true),
        ("[^a-c]x", "dx", true), ("[^a-c]x", "bx", false), ("a[", "a", false), ("a[", "a[", false),
        ("ab[", "ab", false), ("foo*bar*baz", "foobazbar", false), ("foo*", "foo", true), ("[", "[", false),
        ("\\a", "a", true), ("a[^", "a^", true), ("a[^", "ab", true), ("[z-a]", "q", true),
        ("a[b-", "a-", true), ("a[b-", "ab", true),
    ]

    @Test(arguments: verified)
    func matchesAsRedisDoes(pattern: String, string: String, expected: Bool) {
        #expect(GlobPattern(ByteString(pattern)).matches(ByteString(string)) == expected)
    }

    @Test func emptyStringMatchesNoStarPattern() {
        // stringmatchlen("*", "") is 0: only KEYS/SCAN's own "*" shortcut lists an empty key.
        #expect(!GlobPattern("*").matches(""))
        #expect(!GlobPattern("**").matches(""))
        #expect(GlobPattern("").matches(""))
        #expect(!GlobPattern("").matches("a"))
    }

    @Test func caseInsensitiveFoldsLettersOnly() {
        #expect(GlobPattern("H?LLO", caseInsensitive: true).matches("hello"))
        #expect(GlobPattern("[A-C]x", caseInsensitive: true).matches("bX"))
        #expect(!GlobPattern("[A-C]x", caseInsensitive: true).matches("dx"))
    }

    @Test func pathologicalPatternFinishesQuickly() {
        // Redis's early exit keeps a*a*a*…b against aaaa… from backtracking exponentially.
        let pattern = ByteString(String(repeating: "a*", count: 30) + "b")
        let subject = ByteString(String(repeating: "a", count: 200))
        #expect(!GlobPattern(pattern).matches(subject))
    }

    /// Plain bytes and then only stars (`news.*`) are matched by comparing a prefix; every such
    /// pattern, against strings shorter, equal, longer and differing anywhere, answers as the
    /// general matcher (Redis's algorithm) does.
    @Test func plainPrefixPatternsAnswerAsTheGeneralMatcher() {
        let alphabet: [UInt8] = [UInt8(ascii: "a"), UInt8(ascii: "b"), UInt8(ascii: "]"), UInt8(ascii: "-"), UInt8(ascii: "^"), 0x00, 0xFF]
        var generator = SystemRandomNumberGenerator()
        var shortcuts = 0
        for _ in 0..<4000 {
            let plain = (0..<Int.random(in: 0...4, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            let tail: [UInt8] = [[], Array("*".utf8), Array("**".utf8), Array("*a".utf8), Array("?".utf8), Array("*?".utf8)].randomElement(using: &generator)!
            let subject = (0..<Int.random(in: 0...6, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            // Half the subjects start with the plain bytes, so matches are as common as misses.
            let string = ByteString(Bool.random(using: &generator) ? plain + subject : subject)
            for caseInsensitive in [false, true] {
                let glob = GlobPattern(ByteString(plain + tail), caseInsensitive: caseInsensitive)
                #expect(glob.matches(string) == glob.matchesWithoutShortcuts(string), "pattern \(plain + tail) string \(string)")
                if !plain.isEmpty, tail.first == UInt8(ascii: "*"), tail.allSatisfy({ $0 == UInt8(ascii: "*") }), glob.matches(string) { shortcuts += 1 }
            }
        }
        #expect(shortcuts > 100, "the prefix shortcut was met \(shortcuts) times")
    }

    @Test func binaryBytesCompareExactly() {
        #expect(GlobPattern(ByteString([0x00, UInt8(ascii: "*")])).matches(ByteString([0x00, 0xFF, 0x01])))
        #expect(!GlobPattern(ByteString([0x00])).matches(ByteString([0x01])))
    }
}

/// Patterns deep enough to overflow a recursive matcher's stack (issue 23, item 7). The
/// expected results are redis-server 7.0.15's (`SET` the subject, `KEYS` the pattern): it
/// matches up to 1,000 nested `*` and refuses a match that needs more.
@Suite struct DeepGlobPatternTests {
    static func stars(_ count: Int) -> ByteString { ByteString(String(repeating: "*a", count: count)) }
    static func letters(_ count: Int) -> ByteString { ByteString(String(repeating: "a", count: count)) }

    @Test func matchesUpToAThousandNestedStars() {
        #expect(GlobPattern(Self.stars(1000)).matches(Self.letters(1000)))
        #expect(!GlobPattern(Self.stars(1001)).matches(Self.letters(1001)))
        #expect(!GlobPattern(Self.stars(100_000)).matches(Self.letters(100_000)))
        // A trailing `*` matches without nesting deeper.
        #expect(GlobPattern(ByteString(String(repeating: "*a", count: 1000) + "*")).matches(ByteString(String(repeating: "a", count: 1000) + "b")))
        #expect(GlobPattern(ByteString(String(repeating: "*", count: 5000) + "a")).matches("aaa"))
    }

    @Test func keysAndPatternSubscriptionsAnswerAHundredThousandStars() {
        let simulator = Simulator()
        let client = simulator.connect(), subscriber = simulator.connect()
        let pattern = String(repeating: "*a", count: 100_000)
        #expect(run(simulator, client, "SET", String(repeating: "a", count: 100_000), "1") == .reply(.ok))
        #expect(run(simulator, client, "KEYS", pattern) == .reply(.array([])))
        #expect(run(simulator, subscriber, "PSUBSCRIBE", pattern) ==
            .reply(.array([.bulk("psubscribe"), .bulk(pattern), .integer(1)])))
        #expect(run(simulator, client, "PUBLISH", String(repeating: "a", count: 100_000), "m") == .reply(.integer(0)))
    }
}
