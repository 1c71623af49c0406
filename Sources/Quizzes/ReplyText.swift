import RESP

/// A reply on one line, the way redis-cli would show it, for feedback messages.
enum ReplyText {
    static func describe(_ reply: RESPValue) -> String {
        switch reply {
        case .simpleString(let text): return text
        case .error(let text): return "(error) \(text)"
        case .integer(let value): return "(integer) \(value)"
        case .bulkString(let bytes): return "\"\(String(decoding: bytes, as: UTF8.self))\""
        case .nullBulkString, .nullArray: return "(nil)"
        case .array(let items):
            if items.isEmpty { return "(empty array)" }
            return "[" + items.enumerated().map { "\($0.offset + 1)) \(describe($0.element))" }.joined(separator: ", ") + "]"
        }
    }
}
