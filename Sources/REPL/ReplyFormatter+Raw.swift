import RESP

extension ReplyFormatter {
    /// redis-cli's raw rendering (its default when standard output is not a terminal), with
    /// the final newline: bytes as they are, integers as digits, nil as nothing, an error's
    /// text followed by an extra newline, and an array's elements one per line, flattened (a
    /// map's key and value share a line).
    public static func raw(_ reply: RESPValue) -> [UInt8] {
        var out: [UInt8] = []
        appendRaw(reply, to: &out)
        out.append(0x0A)
        return out
    }

    private static func appendRaw(_ reply: RESPValue, to out: inout [UInt8]) {
        switch reply {
        case .simpleString(let text): out += text.bytes
        case .error(let text): out += text.bytes + [0x0A]
        case .integer(let value): out += Array(String(value).utf8)
        case .bulkString(let bytes): out += bytes
        case .nullBulkString, .nullArray, .null: break
        case .verbatimString(_, let text): out += text
        case .boolean(let truth): out += Array((truth ? "(true)" : "(false)").utf8)
        case .double(let value): out += Array(RESPDouble.text(value).utf8)
        // redis-cli 7.0 stops at a big number ("Unknown reply type"); its digits are kinder.
        case .bigNumber(let digits): out += Array(digits.utf8)
        case .array(let items), .set(let items), .push(let items):
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(0x0A) }
                appendRaw(item, to: &out)
            }
        case .map(let items):
            // Key and value on one line, separated by a space, as redis-cli prints a map.
            for index in stride(from: 0, to: items.count - 1, by: 2) {
                if index > 0 { out.append(0x0A) }
                appendRaw(items[index], to: &out)
                out.append(0x20)
                appendRaw(items[index + 1], to: &out)
            }
        }
    }
}
