import Basics

/// The values the fuzzer puts into arguments: a few keys so that types collide, plausible
/// values, and hostile ones (±2^63, 2^64, nan, inf, " 1", empty, 1 MB, invalid UTF-8, CR LF).
public enum FuzzValues {
    /// Key names: few, so commands meet each other's keys and types.
    public static let keys: [[UInt8]] = (0..<6).map { Array("k\($0)".utf8) } + [Array("{t}x".utf8), []]

    /// Numbers a client might send, hostile ones included. 2^31 - 1 and sizes up to 2^32 are
    /// left out: Redis would really allocate 256 MB for `SETBIT k 2147483647 1`.
    public static let integers: [String] = [
        "0", "1", "-1", "2", "3", "5", "10", "100", "-100", "1000", "-2147483648", "4294967296",
        "9223372036854775807", "-9223372036854775808", "9223372036854775808", "18446744073709551616",
        "-9223372036854775809", "00", "01", "+1", " 1", "1 ", "0x10", "1e3",
    ]

    /// Floats, hostile ones included.
    public static let doubles: [String] = [
        "0", "1", "-1", "1.5", "-2.5", "0.001", "1e3", "1e308", "-1e308", "1e400", "inf", "-inf", "+inf",
        "nan", "-nan", "infinity", "0x1p3", ".5", "5.", "1e-400", " 1", "",
    ]

    /// Ordinary strings and patterns.
    public static let words: [String] = [
        "a", "b", "c", "v", "hello", "field", "member", "*", "k*", "?", "[a-z]", "h[^e]llo", "\\", "-", "+",
        "(1", "[a", "(", "$", ">", "0-0", "1-1", "1-*", "*", "0-1", "99999999999999999999-1",
    ]

    /// A value for an argument of Redis's `type`.
    public static func value(type: String, random: inout SeededGenerator) -> [UInt8] {
        if random.chance(8) { return hostile(&random) }
        switch type {
        case "key": return random.pick(keys)
        case "integer": return Array(random.pick(integers).utf8)
        case "double": return Array(random.pick(doubles).utf8)
        case "unix-time": return Array(random.pick(["0", "1", "2000000000", "4000000000000", "-1"] + integers).utf8)
        case "pattern": return Array(random.pick(["*", "k*", "k?", "[k]*", "*a*", "\\*", "["]).utf8)
        default:
            return random.chance(20) ? Array(random.pick(integers + doubles).utf8) : Array(random.pick(words).utf8)
        }
    }

    /// A value meant to break something: huge, binary, empty or framing-like.
    public static func hostile(_ random: inout SeededGenerator) -> [UInt8] {
        switch Int.random(in: 0..<12, using: &random) {
        case 0: return []
        case 1: return Array("a\r\nb".utf8)
        case 2: return [0xFF, 0xFE, 0x00, 0xC3]
        case 3: return Array("\r\n".utf8)
        case 4: return random.chance(10) ? [UInt8](repeating: UInt8(ascii: "x"), count: 1 << 20) : [UInt8](repeating: UInt8(ascii: "y"), count: 5000)
        case 5: return Array(String(repeating: "*a", count: 2000).utf8)
        case 6: return [0]
        case 7: return Array("-\n".utf8)
        case 8: return Array(random.pick(integers).utf8)
        case 9: return Array(random.pick(doubles).utf8)
        case 10: return Array("\u{00e9}\u{1F600}".utf8)
        default: return Array("$-1\r\n".utf8)
        }
    }
}
