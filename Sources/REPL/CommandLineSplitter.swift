/// Splits a typed line into command arguments with redis-cli's quoting rules.
///
/// Outside quotes, whitespace separates arguments. Inside double quotes, `\n \r \t \b \a`,
/// `\"`, `\\` and `\xHH` are escapes (any other `\c` is `c`); inside single quotes only `\'`
/// is. A closing quote must be followed by whitespace or the end of the line.
public enum CommandLineSplitter {
    /// The message redis-cli prints when a line cannot be split.
    public static let invalidArgumentsMessage = "Invalid argument(s)"

    /// A line whose quotes do not balance (or a quote followed by a non-space).
    public struct InvalidArguments: Error, Equatable, CustomStringConvertible {
        public var description: String { CommandLineSplitter.invalidArgumentsMessage }
    }

    /// The arguments of `line` as bytes, or `InvalidArguments` when its quotes are unbalanced.
    public static func split(_ line: String) throws(InvalidArguments) -> [[UInt8]] {
        try split(bytes: Array(line.utf8))
    }

    /// The arguments of a line given as bytes.
    public static func split(bytes line: [UInt8]) throws(InvalidArguments) -> [[UInt8]] {
        var arguments: [[UInt8]] = []
        var i = 0
        while true {
            while i < line.count, isSpace(line[i]) { i += 1 }
            if i == line.count { return arguments }
            var current: [UInt8] = []
            var inDouble = false, inSingle = false, done = false
            while !done {
                if inDouble {
                    guard i < line.count else { throw InvalidArguments() }
                    let c = line[i]
                    if c == UInt8(ascii: "\\"), i + 3 < line.count, line[i + 1] == UInt8(ascii: "x"),
                       let high = hexValue(line[i + 2]), let low = hexValue(line[i + 3]) {
                        current.append(high << 4 | low)
                        i += 3
                    } else if c == UInt8(ascii: "\\"), i + 1 < line.count {
                        i += 1
                        current.append(unescaped(line[i]))
                    } else if c == UInt8(ascii: "\"") {
                        if i + 1 < line.count, !isSpace(line[i + 1]) { throw InvalidArguments() }
                        done = true
                    } else {
                        current.append(c)
                    }
                } else if inSingle {
                    guard i < line.count else { throw InvalidArguments() }
                    let c = line[i]
                    if c == UInt8(ascii: "\\"), i + 1 < line.count, line[i + 1] == UInt8(ascii: "'") {
                        i += 1
                        current.append(UInt8(ascii: "'"))
                    } else if c == UInt8(ascii: "'") {
                        if i + 1 < line.count, !isSpace(line[i + 1]) { throw InvalidArguments() }
                        done = true
                    } else {
                        current.append(c)
                    }
                } else {
                    if i == line.count { break }
                    let c = line[i]
                    switch c {
                    case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"), 0:
                        done = true
                    case UInt8(ascii: "\""): inDouble = true
                    case UInt8(ascii: "'"): inSingle = true
                    default: current.append(c)
                    }
                }
                if i < line.count { i += 1 }
            }
            arguments.append(current)
        }
    }

    /// The arguments of `line` as text, for completion and hints (invalid UTF-8 repaired).
    public static func splitText(_ line: String) throws(InvalidArguments) -> [String] {
        try split(line).map { String(decoding: $0, as: UTF8.self) }
    }

    static func isSpace(_ c: UInt8) -> Bool {
        c == 0x20 || (c >= 0x09 && c <= 0x0D)
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    private static func unescaped(_ c: UInt8) -> UInt8 {
        switch c {
        case UInt8(ascii: "n"): return 0x0A
        case UInt8(ascii: "r"): return 0x0D
        case UInt8(ascii: "t"): return 0x09
        case UInt8(ascii: "b"): return 0x08
        case UInt8(ascii: "a"): return 0x07
        default: return c
        }
    }
}
