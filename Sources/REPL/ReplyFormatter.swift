import RESP

/// Renders replies the way redis-cli prints them on a terminal.
public enum ReplyFormatter {
    /// redis-cli's rendering of `reply` (`(integer) 1`, `"a"`, `(nil)`, `(error) …`).
    public static func format(_ reply: RESPValue) -> String {
        switch reply {
        case .simpleString(let s): return s
        case .error(let s): return "(error) \(s)"
        case .integer(let i): return "(integer) \(i)"
        case .bulkString(let b): return "\"\(String(decoding: b, as: UTF8.self))\""
        case .nullBulkString, .nullArray: return "(nil)"
        case .array(let items):
            if items.isEmpty { return "(empty array)" }
            return items.enumerated().map { "\($0.offset + 1)) \(format($0.element))" }.joined(separator: "\n")
        }
    }
}
