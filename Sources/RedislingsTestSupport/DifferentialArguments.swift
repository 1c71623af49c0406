/// Splits a command line into arguments with redis-cli's quoting (Redis's `sdssplitargs`):
/// `"…"` with `\n \r \t \b \a \\ \" \xHH` escapes, `'…'` with `\'`, and a closing quote that
/// must be followed by a space or the end of the line.
public enum DifferentialArguments {
    /// The arguments of `line`, or nil when its quotes are unbalanced or a closing quote is
    /// followed by something other than a space.
    public static func split(_ line: String) -> [[UInt8]]? {
        let p = Array(line.utf8)
        var i = 0
        var result: [[UInt8]] = []
        func at(_ index: Int) -> UInt8 { index < p.count ? p[index] : 0 }
        func isSpace(_ c: UInt8) -> Bool { c == 0x20 || (c >= 0x09 && c <= 0x0D) }
        func hexValue(_ c: UInt8) -> UInt8? {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
            default: return nil
            }
        }
        while true {
            while i < p.count && isSpace(p[i]) { i += 1 }
            guard i < p.count else { return result }
            var current: [UInt8] = []
            var inDouble = false, inSingle = false, done = false
            while !done {
                let c = at(i)
                if inDouble {
                    if c == UInt8(ascii: "\\") && at(i + 1) == UInt8(ascii: "x"),
                       let high = hexValue(at(i + 2)), let low = hexValue(at(i + 3)) {
                        current.append(high * 16 + low)
                        i += 3
                    } else if c == UInt8(ascii: "\\") && i + 1 < p.count {
                        i += 1
                        switch p[i] {
                        case UInt8(ascii: "n"): current.append(10)
                        case UInt8(ascii: "r"): current.append(13)
                        case UInt8(ascii: "t"): current.append(9)
                        case UInt8(ascii: "b"): current.append(8)
                        case UInt8(ascii: "a"): current.append(7)
                        default: current.append(p[i])
                        }
                    } else if c == UInt8(ascii: "\"") {
                        if i + 1 < p.count && !isSpace(p[i + 1]) { return nil }
                        done = true
                    } else if i >= p.count {
                        return nil
                    } else {
                        current.append(c)
                    }
                } else if inSingle {
                    if c == UInt8(ascii: "\\") && at(i + 1) == UInt8(ascii: "'") {
                        i += 1
                        current.append(UInt8(ascii: "'"))
                    } else if c == UInt8(ascii: "'") {
                        if i + 1 < p.count && !isSpace(p[i + 1]) { return nil }
                        done = true
                    } else if i >= p.count {
                        return nil
                    } else {
                        current.append(c)
                    }
                } else {
                    if i >= p.count || isSpace(c) {
                        done = true
                    } else if c == UInt8(ascii: "\"") {
                        inDouble = true
                    } else if c == UInt8(ascii: "'") {
                        inSingle = true
                    } else {
                        current.append(c)
                    }
                }
                if i < p.count { i += 1 }
            }
            result.append(current)
        }
    }
}
