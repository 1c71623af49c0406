import Testing
import RedisSimulator

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

    @Test func binaryBytesCompareExactly() {
        #expect(GlobPattern(ByteString([0x00, UInt8(ascii: "*")])).matches(ByteString([0x00, 0xFF, 0x01])))
        #expect(!GlobPattern(ByteString([0x00])).matches(ByteString([0x01])))
    }
}
