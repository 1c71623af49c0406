import RESP

/// A reply on one line, the way redis-cli would show it, for feedback messages.
enum ReplyText {
    static func describe(_ reply: RESPValue) -> String {
        switch reply {
        case .simpleString(let text): return text.text
        case .error(let text): return "(error) \(text)"
        case .integer(let value): return "(integer) \(value)"
        case .bulkString(let bytes): return "\"\(String(decoding: bytes, as: UTF8.self))\""
        case .nullBulkString, .nullArray, .null: return "(nil)"
        case .double(let value): return "(double) \(RESPDouble.text(value))"
        case .boolean(let truth): return truth ? "(true)" : "(false)"
        case .verbatimString(_, let text): return String(decoding: text, as: UTF8.self)
        case .bigNumber(let digits): return "(big number) \(digits)"
        case .array(let items), .set(let items), .push(let items), .map(let items):
            if items.isEmpty { return "(empty array)" }
            return "[" + items.enumerated().map { "\($0.offset + 1)) \(describe($0.element))" }.joined(separator: ", ") + "]"
        }
    }
}
