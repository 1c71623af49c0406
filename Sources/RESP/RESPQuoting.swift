/// Bytes written the way Redis's `sdscatrepr` writes them, which redis-cli uses for bulk
/// strings and the server for MONITOR lines: in double quotes, printable ASCII as is, `\\` and
/// `\"` escaped, `\n \r \t \a \b` by name, every other byte as `\xhh`.
public enum RESPQuoting {
    /// `bytes` quoted as `sdscatrepr` quotes them.
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
            default: out += "\\x" + String(hexDigits[Int(byte >> 4)]) + String(hexDigits[Int(byte & 0xF)])
            }
        }
        return out + "\""
    }

    private static let hexDigits = Array("0123456789abcdef")
}
