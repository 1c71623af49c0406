#if canImport(Glibc)
import Glibc
#endif

/// A Redis glob pattern, matched exactly as Redis 7.0's `stringmatchlen` matches it (KEYS,
/// SCAN MATCH, PSUBSCRIBE, CONFIG GET, …): `*` any run of bytes, `?` one byte, `[abc]`, `[a-z]`
/// (ends in either order), `[^x]` negated sets, and `\` escaping the next byte. Byte-wise and
/// binary safe; a malformed pattern (an unclosed `[`, a trailing `\`) behaves as Redis's does.
public struct GlobPattern: Sendable, Hashable {
    /// The pattern's bytes.
    public let pattern: ByteString
    /// True to compare letters without regard to case (Redis's `nocase`).
    public let caseInsensitive: Bool
    private let matchesEverything: Bool
    /// For a pattern of plain bytes and then only `*`s (`news.*`, the usual PSUBSCRIBE), the
    /// number of plain bytes: such a pattern matches exactly the strings that start with them.
    /// 0 for any other pattern.
    private let plainPrefixLength: Int

    /// A pattern from its bytes.
    public init(_ pattern: ByteString, caseInsensitive: Bool = false) {
        self.pattern = pattern
        self.caseInsensitive = caseInsensitive
        (matchesEverything, plainPrefixLength) = pattern.withUnsafeBytes { bytes in
            let plain = bytes.firstIndex { Self.isSpecial($0) } ?? bytes.count
            let starsFollow = plain < bytes.count && bytes[plain...].allSatisfy { $0 == UInt8(ascii: "*") }
            return (plain == 0 && starsFollow, starsFollow && !caseInsensitive ? plain : 0)
        }
    }

    /// True when `string` matches the whole pattern.
    ///
    /// - Complexity: O(m·n) in the worst case (Redis's early exit bounds the backtracking).
    public func matches(_ string: ByteString) -> Bool {
        // A run of `*` matches any non-empty string; the empty string still goes through the
        // matcher, which (as in Redis) refuses it.
        if matchesEverything && !string.isEmpty { return true }
        // Redis's matcher compares the plain bytes one by one and then accepts whatever the
        // stars meet, the empty rest included: a prefix comparison says the same.
        if plainPrefixLength > 0 {
            return pattern.withUnsafeBytes { p in
                string.withUnsafeBytes { s in
                    s.count >= plainPrefixLength && memcmp(p.baseAddress!, s.baseAddress!, plainPrefixLength) == 0
                }
            }
        }
        return matchesWithoutShortcuts(string)
    }

    /// True when `string` matches, found by the general matcher alone (for tests of the shortcuts).
    func matchesWithoutShortcuts(_ string: ByteString) -> Bool {
        pattern.withUnsafeBytes { p in string.withUnsafeBytes { s in Self.match(p, s, caseInsensitive) } }
    }

    /// The bytes with a meaning of their own outside a `[...]` set.
    @inline(__always) private static func isSpecial(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "*") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "\\")
    }

    /// Redis's `stringmatchlen_impl`, without its recursion: a client's pattern of 100,000 `*a`
    /// nests that deep, more than a thread's stack holds here. Redis's early exit means only the
    /// latest `*` ever tries longer runs (once the rest of the pattern reaches another `*`, an
    /// earlier one gives up), so one backtracking point replaces the call stack. Redis 7.0.15 as
    /// shipped (with the CVE-2024-31228 fix) refuses a match that needs more than 1,000 nested
    /// `*`, so the count of those entered is kept too.
    /// Reads past the pattern's end see a NUL, as in C (sds strings are NUL-terminated); bytes
    /// compare as C's signed `char`, which matters only in ranges.
    private static func match(_ p: UnsafeRawBufferPointer, _ s: UnsafeRawBufferPointer, _ nocase: Bool) -> Bool {
        var pi = 0, si = 0
        // The pattern index just after the latest `*`, and where in the string its rest was last tried.
        var starRest: Int?
        var starFrom = 0
        var starsEntered = 0
        @inline(__always) func pat(_ i: Int) -> UInt8 { i < p.count ? p[i] : 0 }
        @inline(__always) func same(_ a: UInt8, _ b: UInt8) -> Bool {
            nocase ? lower(a) == lower(b) : a == b
        }
        while true {
            var failed = false
            scan: while pi < p.count && si < s.count {
                switch p[pi] {
                case UInt8(ascii: "*"):
                    while pi + 1 < p.count && p[pi + 1] == UInt8(ascii: "*") { pi += 1 }
                    if pi == p.count - 1 { return true }
                    starsEntered += 1
                    if starsEntered > maxNestedStars { return false }
                    pi += 1
                    starRest = pi
                    starFrom = si
                    continue scan
                case UInt8(ascii: "?"):
                    si += 1
                case UInt8(ascii: "["):
                    pi += 1
                    let negate = pat(pi) == UInt8(ascii: "^")
                    if negate { pi += 1 }
                    var matched = false
                    while true {
                        let remaining = p.count - pi
                        if pat(pi) == UInt8(ascii: "\\") && remaining >= 2 {
                            pi += 1
                            if p[pi] == s[si] { matched = true }
                        } else if pat(pi) == UInt8(ascii: "]") {
                            break
                        } else if remaining <= 0 {
                            pi -= 1
                            break
                        } else if remaining >= 3 && p[pi + 1] == UInt8(ascii: "-") {
                            var start = Int(Int8(bitPattern: p[pi])), end = Int(Int8(bitPattern: p[pi + 2]))
                            var c = Int(Int8(bitPattern: s[si]))
                            if start > end { swap(&start, &end) }
                            if nocase {
                                start = Int(Int8(bitPattern: lower(UInt8(bitPattern: Int8(start)))))
                                end = Int(Int8(bitPattern: lower(UInt8(bitPattern: Int8(end)))))
                                c = Int(Int8(bitPattern: lower(s[si])))
                            }
                            pi += 2
                            if c >= start && c <= end { matched = true }
                        } else if same(p[pi], s[si]) {
                            matched = true
                        }
                        pi += 1
                    }
                    if negate { matched.toggle() }
                    if !matched {
                        failed = true
                        break scan
                    }
                    si += 1
                default:
                    if p[pi] == UInt8(ascii: "\\") && p.count - pi >= 2 { pi += 1 }
                    if !same(p[pi], s[si]) {
                        failed = true
                        break scan
                    }
                    si += 1
                }
                pi += 1
                if si == s.count {
                    while pat(pi) == UInt8(ascii: "*") && pi < p.count { pi += 1 }
                    break
                }
            }
            if !failed && pi >= p.count && si == s.count { return true }
            // Try the rest after the latest `*` one byte further on; Redis's star loop stops
            // before the string's end.
            guard let rest = starRest, starFrom + 1 < s.count else { return false }
            starFrom += 1
            pi = rest
            si = starFrom
        }
    }

    /// Redis's recursion limit: its matcher gives up at a nesting deeper than 1,000.
    static let maxNestedStars = 1000

    @inline(__always) private static func lower(_ c: UInt8) -> UInt8 {
        c >= 65 && c <= 90 ? c + 32 : c
    }
}
