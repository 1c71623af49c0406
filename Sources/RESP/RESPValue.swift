/// One RESP value, as Redis sends it; a null bulk string, a null array and an empty one are distinct.
///
/// The RESP3 cases (`map` to `bigNumber`) are what a command builds when its reply has that
/// shape; `adapted(toProtocol:)` turns them into what a RESP2 client reads, as Redis's
/// networking layer does, so RESP2 clients never see them.
public enum RESPValue: Hashable, Sendable {
    /// A status line (`+`); `.simpleString("OK")` or `.simpleString(someString)` builds one from text.
    case simpleString(RESPLine)
    /// An error line (`-`); `.error("ERR …")` or `.error(someString)` builds one from text.
    case error(RESPLine)
    case integer(Int64)
    case bulkString([UInt8])
    case nullBulkString
    case array([RESPValue])
    case nullArray
    /// RESP3 map (`%`): keys and values alternate, so the count is always even.
    case map([RESPValue])
    /// RESP3 set (`~`).
    case set([RESPValue])
    /// RESP3 push (`>`): out-of-band data such as Pub/Sub messages and invalidations.
    case push([RESPValue])
    /// RESP3 double (`,`).
    case double(Double)
    /// RESP3 boolean (`#t` / `#f`).
    case boolean(Bool)
    /// RESP3 null (`_`), the one null of RESP3.
    case null
    /// RESP3 verbatim string (`=`): a three-letter format (`txt`, `mkd`) and the text.
    case verbatimString(format: String, text: [UInt8])
    /// RESP3 big number (`(`), its decimal digits.
    case bigNumber(String)
}

extension RESPValue {
    /// The `+OK` status reply.
    public static let ok = RESPValue.simpleString("OK")
    /// The `+QUEUED` reply to a command inside MULTI.
    public static let queued = RESPValue.simpleString("QUEUED")

    /// A status reply holding the UTF-8 bytes of `text`.
    public static func simpleString(_ text: String) -> RESPValue { .simpleString(RESPLine(text)) }

    /// An error reply holding the UTF-8 bytes of `text`.
    public static func error(_ text: String) -> RESPValue { .error(RESPLine(text)) }

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
        case .simpleString(let s): return s.text
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

    /// A plain-text verbatim string (`=…\r\ntxt:…`), as INFO and CLIENT LIST answer in RESP3;
    /// RESP2 reads it as a bulk string.
    public static func verbatim(_ text: String) -> RESPValue {
        .verbatimString(format: "txt", text: Array(text.utf8))
    }

    /// A map reply from key/value pairs.
    public static func map(pairs: [(RESPValue, RESPValue)]) -> RESPValue {
        .map(pairs.flatMap { [$0.0, $0.1] })
    }

    /// True for every null: RESP2's null bulk string and null array, and RESP3's null.
    public var isNull: Bool {
        switch self {
        case .nullBulkString, .nullArray, .null: return true
        default: return false
        }
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
        case .map(let items): return "%{" + items.map(\.debugDescription).joined(separator: ", ") + "}"
        case .set(let items): return "~{" + items.map(\.debugDescription).joined(separator: ", ") + "}"
        case .push(let items): return ">[" + items.map(\.debugDescription).joined(separator: ", ") + "]"
        case .double(let d): return "," + RESPDouble.text(d)
        case .boolean(let b): return b ? "#t" : "#f"
        case .null: return "_"
        case .verbatimString(let format, let text):
            return "=\(format):" + String(reflecting: String(decoding: text, as: UTF8.self))
        case .bigNumber(let digits): return "(" + digits
        }
    }
}
