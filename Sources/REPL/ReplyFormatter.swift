import RESP

/// Renders replies exactly as redis-cli prints them on a terminal.
public enum ReplyFormatter {
    /// redis-cli's rendering of `reply`, without the final newline: `(integer) 1`, `"a"`,
    /// `(nil)`, `(error) …`, `(empty array)`, and numbered, indented arrays.
    public static func format(_ reply: RESPValue) -> String {
        var out = ""
        append(reply, prefix: "", to: &out)
        if out.hasSuffix("\n") { out.removeLast() }
        return out
    }

    /// A byte string quoted as redis-cli quotes bulk strings: printable ASCII as is, `\n \r \t
    /// \a \b`, `\"` and `\\` escaped, every other byte as `\xhh`.
    public static func quoted(_ bytes: [UInt8]) -> String {
        var out = "\""
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\\"): out += "\\\\"
            case UInt8(ascii: "\""): out += "\\\""
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0x07: out += "\\a"
            case 0x08: out += "\\b"
            case 0x20...0x7E: out.unicodeScalars.append(Unicode.Scalar(byte))
            default: out += "\\x" + hex(byte)
            }
        }
        return out + "\""
    }

    // Each element's number is right-aligned to the width of the largest index; nested arrays
    // indent their continuation lines by that width plus two, as redis-cli does.
    private static func append(_ reply: RESPValue, prefix: String, to out: inout String) {
        switch reply {
        case .simpleString(let s): out += s + "\n"
        case .error(let s): out += "(error) \(s)\n"
        case .integer(let i): out += "(integer) \(i)\n"
        case .bulkString(let b): out += quoted(b) + "\n"
        case .nullBulkString, .nullArray: out += "(nil)\n"
        case .array(let items):
            if items.isEmpty {
                out += "(empty array)\n"
                return
            }
            let width = String(items.count).count
            let nestedPrefix = prefix + String(repeating: " ", count: width + 2)
            for (index, item) in items.enumerated() {
                let number = String(index + 1)
                out += (index == 0 ? "" : prefix) + String(repeating: " ", count: width - number.count)
                    + number + ") "
                append(item, prefix: nestedPrefix, to: &out)
            }
        }
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
    }
}
