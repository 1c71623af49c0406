import RESP

extension ReplyFormatter {
    /// redis-cli's raw rendering (its default when standard output is not a terminal), with
    /// the final newline: bytes as they are, integers as digits, nil as nothing, an error's
    /// text followed by an extra newline, and an array's elements one per line, flattened.
    public static func raw(_ reply: RESPValue) -> [UInt8] {
        var out: [UInt8] = []
        appendRaw(reply, to: &out)
        out.append(0x0A)
        return out
    }

    private static func appendRaw(_ reply: RESPValue, to out: inout [UInt8]) {
        switch reply {
        case .simpleString(let text): out += Array(text.utf8)
        case .error(let text): out += Array(text.utf8) + [0x0A]
        case .integer(let value): out += Array(String(value).utf8)
        case .bulkString(let bytes): out += bytes
        case .nullBulkString, .nullArray: break
        case .array(let items):
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(0x0A) }
                appendRaw(item, to: &out)
            }
        }
    }
}
