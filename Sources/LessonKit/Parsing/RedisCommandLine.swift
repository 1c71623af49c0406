/// One command line of a runnable `redis` block.
public struct RedisCommandLine: Sendable, Equatable {
    /// The line as written, trimmed.
    public var text: String
    /// Its line in the lesson file.
    public var line: Int

    /// Creates a command line.
    public init(text: String, line: Int) {
        self.text = text
        self.line = line
    }

    /// The arguments, split with redis-cli's quoting rules; nil when a quote is unbalanced.
    public var arguments: [String]? { RedisCommandLine.split(text) }

    /// Splits `line` into arguments as redis-cli does (`sdssplitargs`): `"…"` with `\n`, `\t`,
    /// `\xHH` escapes, `'…'` with only `\'`; a closing quote must end the argument.
    /// Returns nil for unbalanced quotes. Invalid UTF-8 from `\xHH` is repaired.
    public static func split(_ line: String) -> [String]? {
        var arguments: [String] = []
        let bytes = Array(line.utf8)
        var index = 0
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 || byte == 0x0B || byte == 0x0C }
        while true {
            while index < bytes.count, isSpace(bytes[index]) { index += 1 }
            if index >= bytes.count { return arguments }
            var current: [UInt8] = []
            var inDouble = false, inSingle = false, done = false
            while !done {
                if inDouble {
                    guard index < bytes.count else { return nil }
                    let byte = bytes[index]
                    if byte == UInt8(ascii: "\\"), index + 3 < bytes.count, bytes[index + 1] == UInt8(ascii: "x"),
                       let high = hexValue(bytes[index + 2]), let low = hexValue(bytes[index + 3]) {
                        current.append(high << 4 | low)
                        index += 3
                    } else if byte == UInt8(ascii: "\\"), index + 1 < bytes.count {
                        index += 1
                        switch bytes[index] {
                        case UInt8(ascii: "n"): current.append(0x0A)
                        case UInt8(ascii: "r"): current.append(0x0D)
                        case UInt8(ascii: "t"): current.append(0x09)
                        case UInt8(ascii: "b"): current.append(0x08)
                        case UInt8(ascii: "a"): current.append(0x07)
                        default: current.append(bytes[index])
                        }
                    } else if byte == UInt8(ascii: "\"") {
                        if index + 1 < bytes.count, !isSpace(bytes[index + 1]) { return nil }
                        done = true
                    } else {
                        current.append(byte)
                    }
                } else if inSingle {
                    guard index < bytes.count else { return nil }
                    let byte = bytes[index]
                    if byte == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "'") {
                        index += 1
                        current.append(UInt8(ascii: "'"))
                    } else if byte == UInt8(ascii: "'") {
                        if index + 1 < bytes.count, !isSpace(bytes[index + 1]) { return nil }
                        done = true
                    } else {
                        current.append(byte)
                    }
                } else {
                    if index >= bytes.count { break }
                    let byte = bytes[index]
                    if isSpace(byte) {
                        done = true
                    } else if byte == UInt8(ascii: "\"") {
                        inDouble = true
                    } else if byte == UInt8(ascii: "'") {
                        inSingle = true
                    } else {
                        current.append(byte)
                    }
                }
                if index < bytes.count { index += 1 }
            }
            arguments.append(String(decoding: current, as: UTF8.self))
        }
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
