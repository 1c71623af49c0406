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

    /// A pattern from its bytes.
    public init(_ pattern: ByteString, caseInsensitive: Bool = false) {
        self.pattern = pattern
        self.caseInsensitive = caseInsensitive
        self.matchesEverything = !pattern.isEmpty && pattern.withUnsafeBytes { $0.allSatisfy { $0 == UInt8(ascii: "*") } }
    }

    /// True when `string` matches the whole pattern.
    ///
    /// - Complexity: O(m·n) in the worst case (Redis's early exit bounds the backtracking).
    public func matches(_ string: ByteString) -> Bool {
        // A run of `*` matches any non-empty string; the empty string still goes through the
        // matcher, which (as in Redis) refuses it.
        if matchesEverything && !string.isEmpty { return true }
        return pattern.withUnsafeBytes { p in
            string.withUnsafeBytes { s in
                var skipLonger = false
                return Self.match(p, 0, s, 0, caseInsensitive, &skipLonger)
            }
        }
    }

    /// Redis's `stringmatchlen_impl`. Reads past the pattern's end see a NUL, as in C (sds strings
    /// are NUL-terminated); bytes compare as C's signed `char`, which matters only in ranges.
    private static func match(
        _ p: UnsafeRawBufferPointer, _ pStart: Int, _ s: UnsafeRawBufferPointer, _ sStart: Int,
        _ nocase: Bool, _ skipLonger: inout Bool
    ) -> Bool {
        var pi = pStart, si = sStart
        @inline(__always) func pat(_ i: Int) -> UInt8 { i < p.count ? p[i] : 0 }
        @inline(__always) func same(_ a: UInt8, _ b: UInt8) -> Bool {
            nocase ? lower(a) == lower(b) : a == b
        }
        while pi < p.count && si < s.count {
            switch p[pi] {
            case UInt8(ascii: "*"):
                while pi + 1 < p.count && p[pi + 1] == UInt8(ascii: "*") { pi += 1 }
                if pi == p.count - 1 { return true }
                while si < s.count {
                    if match(p, pi + 1, s, si, nocase, &skipLonger) { return true }
                    if skipLonger { return false }
                    si += 1
                }
                skipLonger = true
                return false
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
                if !matched { return false }
                si += 1
            default:
                if p[pi] == UInt8(ascii: "\\") && p.count - pi >= 2 { pi += 1 }
                if !same(p[pi], s[si]) { return false }
                si += 1
            }
            pi += 1
            if si == s.count {
                while pat(pi) == UInt8(ascii: "*") && pi < p.count { pi += 1 }
                break
            }
        }
        return pi >= p.count && si == s.count
    }

    @inline(__always) private static func lower(_ c: UInt8) -> UInt8 {
        c >= 65 && c <= 90 ? c + 32 : c
    }
}
