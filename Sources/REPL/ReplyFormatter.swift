import RESP

/// Renders replies exactly as redis-cli prints them on a terminal.
public enum ReplyFormatter {
    /// redis-cli's rendering of `reply`, without the final newline: `(integer) 1`, `"a"`,
    /// `(nil)`, `(error) …`, `(empty array)`, numbered, indented arrays, and with RESP3 `(double) 1.5`,
    /// `(true)`, sets (`1~`) and maps (`1# key => value`) as `redis-cli -3` prints them.
    public static func format(_ reply: RESPValue) -> String {
        var out = ""
        append(reply, prefix: "", to: &out)
        if out.hasSuffix("\n") { out.removeLast() }
        return out
    }

    /// A byte string quoted as redis-cli quotes bulk strings: printable ASCII as is, `\n \r \t
    /// \a \b`, `\"` and `\\` escaped, every other byte as `\xhh`.
    public static func quoted(_ bytes: [UInt8]) -> String { RESPQuoting.quoted(bytes) }

    // Each element's number is right-aligned to the width of the largest index; nested
    // aggregates indent their continuation lines by that width plus two, as redis-cli does. A
    // set numbers its elements `1~`, a map its entries `1#` and prints `key => value`.
    private static func append(_ reply: RESPValue, prefix: String, to out: inout String) {
        switch reply {
        case .simpleString(let s): out += s.text + "\n"
        case .error(let s): out += "(error) \(s)\n"
        case .integer(let i): out += "(integer) \(i)\n"
        case .bulkString(let b): out += quoted(b) + "\n"
        case .nullBulkString, .nullArray, .null: out += "(nil)\n"
        case .double(let d): out += "(double) \(RESPDouble.text(d))\n"
        case .boolean(let b): out += b ? "(true)\n" : "(false)\n"
        case .verbatimString(_, let text): out += String(decoding: text, as: UTF8.self) + "\n"
        case .bigNumber(let digits): out += "(big number) \(digits)\n"
        case .array(let items): appendAggregate(items, empty: "(empty array)", mark: ")", prefix: prefix, to: &out)
        case .set(let items): appendAggregate(items, empty: "(empty set)", mark: "~", prefix: prefix, to: &out)
        case .push(let items): appendAggregate(items, empty: "(empty push)", mark: ")", prefix: prefix, to: &out)
        case .map(let items):
            appendAggregate(items, empty: "(empty hash)", mark: "#", isMap: true, prefix: prefix, to: &out)
        }
    }

    private static func appendAggregate(
        _ items: [RESPValue], empty: String, mark: Character, isMap: Bool = false, prefix: String, to out: inout String
    ) {
        if items.isEmpty {
            out += empty + "\n"
            return
        }
        let entries = isMap ? items.count / 2 : items.count
        let width = String(entries).count
        let nestedPrefix = prefix + String(repeating: " ", count: width + 2)
        var index = 0
        while index < items.count {
            let number = String(isMap ? index / 2 + 1 : index + 1)
            out += (index == 0 ? "" : prefix) + String(repeating: " ", count: width - number.count) + number
                + String(mark) + " "
            append(items[index], prefix: nestedPrefix, to: &out)
            if isMap, index + 1 < items.count {
                out.removeLast()
                out += " => "
                if isMultiline(items[index + 1]) { out += "\n" + nestedPrefix }
                append(items[index + 1], prefix: nestedPrefix, to: &out)
                index += 1
            }
            index += 1
        }
    }

    /// True when a map value prints on several lines, so it starts on a line of its own.
    private static func isMultiline(_ reply: RESPValue) -> Bool {
        switch reply {
        case .array(let items), .set(let items), .push(let items):
            return items.count > 1 || (items.count == 1 && isMultiline(items[0]))
        case .map(let items):
            return items.count > 2 || (items.count == 2 && isMultiline(items[1]))
        default:
            return false
        }
    }
}
