/// Redis's glob matching (`stringmatchlen`), byte for byte: `*`, `?`, `[abc]`, `[^a-z]`, and `\`
/// escapes, with the same quirks for unterminated classes and reversed ranges.
enum GlobPattern {
    /// True when `subject` matches `pattern`.
    /// - Complexity: O(p × s) in the worst case, bounded as Redis bounds it by giving up on
    ///   longer matches for an earlier `*` once a later one failed.
    static func matches(_ pattern: [UInt8], _ subject: [UInt8], caseInsensitive: Bool = false) -> Bool {
        var giveUp = false
        return pattern.withUnsafeBufferPointer { p in
            subject.withUnsafeBufferPointer { s in
                match(p, 0, s, 0, caseInsensitive, &giveUp)
            }
        }
    }

    private static func lower(_ c: UInt8) -> UInt8 { c >= 65 && c <= 90 ? c + 32 : c }

    private static func match(
        _ p: UnsafeBufferPointer<UInt8>, _ pStart: Int, _ s: UnsafeBufferPointer<UInt8>, _ sStart: Int,
        _ nocase: Bool, _ giveUp: inout Bool
    ) -> Bool {
        var pi = pStart, si = sStart
        // Reads past the end see 0, as C's terminating NUL.
        func at(_ i: Int) -> UInt8 { i < p.count ? p[i] : 0 }
        while pi < p.count && si < s.count {
            switch p[pi] {
            case UInt8(ascii: "*"):
                while pi + 1 < p.count && p[pi + 1] == UInt8(ascii: "*") { pi += 1 }
                if pi == p.count - 1 { return true }
                while si < s.count {
                    if match(p, pi + 1, s, si, nocase, &giveUp) { return true }
                    if giveUp { return false }
                    si += 1
                }
                giveUp = true
                return false
            case UInt8(ascii: "?"):
                si += 1
            case UInt8(ascii: "["):
                pi += 1
                let negate = at(pi) == UInt8(ascii: "^")
                if negate { pi += 1 }
                var matched = false
                let c = s[si]
                while true {
                    let remaining = p.count - pi
                    if at(pi) == UInt8(ascii: "\\") && remaining >= 2 {
                        pi += 1
                        if p[pi] == c { matched = true }
                    } else if at(pi) == UInt8(ascii: "]") && remaining > 0 {
                        break
                    } else if remaining <= 0 {
                        pi -= 1
                        break
                    } else if remaining >= 3 && p[pi + 1] == UInt8(ascii: "-") {
                        var start = p[pi], end = p[pi + 2], ch = c
                        if start > end { swap(&start, &end) }
                        if nocase { start = lower(start); end = lower(end); ch = lower(ch) }
                        pi += 2
                        if ch >= start && ch <= end { matched = true }
                    } else if nocase ? lower(p[pi]) == lower(c) : p[pi] == c {
                        matched = true
                    }
                    pi += 1
                }
                if negate { matched.toggle() }
                if !matched { return false }
                si += 1
            default:
                if p[pi] == UInt8(ascii: "\\") && p.count - pi >= 2 { pi += 1 }
                if nocase ? lower(p[pi]) != lower(s[si]) : p[pi] != s[si] { return false }
                si += 1
            }
            pi += 1
            if si == s.count {
                while pi < p.count && p[pi] == UInt8(ascii: "*") { pi += 1 }
                break
            }
        }
        return pi == p.count && si == s.count
    }
}
