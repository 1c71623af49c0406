/// One RESP2 value, as Redis sends it; a null bulk string, a null array and an empty one are distinct.
public enum RESPValue: Hashable, Sendable {
    case simpleString(String)
    case error(String)
    case integer(Int64)
    case bulkString([UInt8])
    case nullBulkString
    case array([RESPValue])
    case nullArray
}

extension RESPValue {
    /// The `+OK` status reply.
    public static let ok = RESPValue.simpleString("OK")
    /// The `+QUEUED` reply to a command inside MULTI.
    public static let queued = RESPValue.simpleString("QUEUED")

    /// A bulk string holding the UTF-8 bytes of `text`.
    public static func bulk(_ text: String) -> RESPValue { .bulkString(Array(text.utf8)) }

    /// An array of bulk strings.
    public static func bulkArray(_ items: [String]) -> RESPValue { .array(items.map { .bulk($0) }) }

    /// True when this is an error reply.
    public var isError: Bool {
        if case .error = self { return true }
        return false
    }

    /// The text of a simple or bulk string (decoded as UTF-8, invalid bytes repaired), else nil.
    public var stringValue: String? {
        switch self {
        case .simpleString(let s): return s
        case .bulkString(let b): return String(decoding: b, as: UTF8.self)
        default: return nil
        }
    }

    /// The integer of an integer reply, else nil.
    public var integerValue: Int64? {
        if case .integer(let i) = self { return i }
        return nil
    }

    /// The elements of an array reply, else nil.
    public var arrayValue: [RESPValue]? {
        if case .array(let a) = self { return a }
        return nil
    }
}

extension RESPValue: CustomDebugStringConvertible {
    /// A compact, unambiguous rendering for test failures and logs (not redis-cli's format).
    public var debugDescription: String {
        switch self {
        case .simpleString(let s): return "+\(s)"
        case .error(let s): return "-\(s)"
        case .integer(let i): return ":\(i)"
        case .bulkString(let b): return "$\(String(reflecting: String(decoding: b, as: UTF8.self)))"
        case .nullBulkString: return "$nil"
        case .array(let items): return "[" + items.map(\.debugDescription).joined(separator: ", ") + "]"
        case .nullArray: return "*nil"
        }
    }
}
