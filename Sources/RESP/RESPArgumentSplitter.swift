/// Splits a command line into arguments the way Redis reads inline requests and redis-cli reads
/// its input (`sdssplitargs`): blanks separate arguments; `"…"` understands `\n \r \t \b \a`,
/// `\xHH` and `\<c>`; `'…'` understands only `\'`; a closing quote must be followed by a blank
/// or the end of the line.
public enum RESPArgumentSplitter {
    /// The arguments of `line`, or nil when its quotes are unbalanced.
    public static func split(_ line: some Collection<UInt8>) -> [[UInt8]]? {
        let bytes = Array(line)
        var arguments: [[UInt8]] = []
        var index = 0
        // Reading one past the end yields 0, as reading the C string's terminator does.
        func at(_ i: Int) -> UInt8 { i < bytes.count ? bytes[i] : 0 }
        while true {
            while index < bytes.count, isSpace(bytes[index]) { index += 1 }
            guard index < bytes.count else { return arguments }
            var current: [UInt8] = []
            var inDouble = false
            var inSingle = false
            var done = false
            while !done {
                let byte = at(index)
                if inDouble {
                    if byte == UInt8(ascii: "\\"), at(index + 1) == UInt8(ascii: "x"),
                        let high = hexValue(at(index + 2)), let low = hexValue(at(index + 3))
                    {
                        current.append(high * 16 + low)
                        index += 3
                    } else if byte == UInt8(ascii: "\\"), at(index + 1) != 0 {
                        index += 1
                        current.append(unescaped(at(index)))
                    } else if byte == UInt8(ascii: "\"") {
                        if at(index + 1) != 0, !isSpace(at(index + 1)) { return nil }
                        done = true
                    } else if byte == 0, index >= bytes.count {
                        return nil
                    } else {
                        current.append(byte)
                    }
                } else if inSingle {
                    if byte == UInt8(ascii: "\\"), at(index + 1) == UInt8(ascii: "'") {
                        index += 1
                        current.append(UInt8(ascii: "'"))
                    } else if byte == UInt8(ascii: "'") {
                        if at(index + 1) != 0, !isSpace(at(index + 1)) { return nil }
                        done = true
                    } else if byte == 0, index >= bytes.count {
                        return nil
                    } else {
                        current.append(byte)
                    }
                } else {
                    switch byte {
                    case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"):
                        done = true
                    case 0 where index >= bytes.count:
                        done = true
                    case UInt8(ascii: "\""): inDouble = true
                    case UInt8(ascii: "'"): inSingle = true
                    default: current.append(byte)
                    }
                }
                if index < bytes.count { index += 1 }
            }
            arguments.append(current)
        }
    }

    /// The arguments of a line of text, or nil when its quotes are unbalanced.
    public static func split(_ line: String) -> [[UInt8]]? { split(Array(line.utf8)) }

    /// C's `isspace` in the C locale.
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    static func unescaped(_ byte: UInt8) -> UInt8 {
        switch byte {
        case UInt8(ascii: "n"): return 10
        case UInt8(ascii: "r"): return 13
        case UInt8(ascii: "t"): return 9
        case UInt8(ascii: "b"): return 8
        case UInt8(ascii: "a"): return 7
        default: return byte
        }
    }
}
