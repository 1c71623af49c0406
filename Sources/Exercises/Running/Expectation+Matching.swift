import Foundation
import RESP

extension Expectation {
    /// True when `reply` is what this expectation describes (FORMAT.md's table). A RESP3 reply
    /// is judged as RESP2 shows it: a map as its flat key/value array, a set as an array, a
    /// double as its text, a boolean as 1 or 0, a null as null.
    public func matches(_ reply: RESPValue) -> Bool {
        let reply = reply.adapted(toProtocol: 2)
        switch self {
        case .string(let text):
            switch reply {
            case .simpleString(let value): return value.bytes.elementsEqual(text.utf8)
            case .bulkString(let bytes): return bytes.elementsEqual(text.utf8)
            default: return false
            }
        case .integer(let value):
            return reply.integerValue == value
        case .null:
            return reply == .nullBulkString || reply == .nullArray
        case .array(let items):
            guard let values = reply.arrayValue, values.count == items.count else { return false }
            return zip(items, values).allSatisfy { $0.matches($1) }
        case .error(let prefix):
            guard case .error(let text) = reply else { return false }
            return text.hasPrefix(prefix)
        case .matches(let pattern):
            guard let text = Self.scalarText(reply), let regex = try? NSRegularExpression(pattern: pattern) else { return false }
            return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
        case .between(let low, let high):
            guard let value = reply.integerValue ?? Self.scalarText(reply).flatMap({ Int64($0) }) else { return false }
            return value >= low && value <= high
        case .unordered(let items):
            guard let values = reply.arrayValue, values.count == items.count else { return false }
            return Self.permutationMatches(items, values[...])
        case .length(let length):
            switch reply {
            case .array(let values): return values.count == length
            case .bulkString(let bytes): return bytes.count == length
            case .simpleString(let text): return text.byteCount == length
            default: return false
            }
        case .any:
            return !reply.isError
        case .not(let inner):
            return !inner.matches(reply)
        }
    }

    /// A string reply's text, or an integer's digits.
    private static func scalarText(_ reply: RESPValue) -> String? {
        switch reply {
        case .simpleString(let text): return text.text
        case .bulkString(let bytes): return String(decoding: bytes, as: UTF8.self)
        case .integer(let value): return String(value)
        default: return nil
        }
    }

    /// True when each expectation matches a different value (a small backtracking search).
    private static func permutationMatches(_ expectations: [Expectation], _ values: ArraySlice<RESPValue>) -> Bool {
        guard let first = expectations.first else { return values.isEmpty }
        let rest = Array(expectations.dropFirst())
        for index in values.indices where first.matches(values[index]) {
            var remaining = values
            remaining.remove(at: index)
            if permutationMatches(rest, remaining) { return true }
        }
        return false
    }
}

extension Expectation: CustomStringConvertible {
    /// The expectation as an author writes it in YAML.
    public var description: String {
        switch self {
        case .string(let text): return "\"\(text)\""
        case .integer(let value): return String(value)
        case .null: return "null"
        case .array(let items): return "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .error(let prefix): return "{error: \"\(prefix)\"}"
        case .matches(let pattern): return "{matches: \"\(pattern)\"}"
        case .between(let low, let high): return "{between: [\(low), \(high)]}"
        case .unordered(let items): return "{unordered: [" + items.map(\.description).joined(separator: ", ") + "]}"
        case .length(let length): return "{length: \(length)}"
        case .any: return "{any: true}"
        case .not(let inner): return "{not: \(inner)}"
        }
    }
}

extension RESPValue {
    /// A short, redis-cli-like rendering for check messages.
    var shortText: String {
        switch self {
        case .simpleString(let text): return text.text
        case .error(let text): return "(error) \(text)"
        case .integer(let value): return "(integer) \(value)"
        case .bulkString(let bytes):
            let text = String(decoding: bytes.prefix(60), as: UTF8.self)
            return "\"\(text)\(bytes.count > 60 ? "…" : "")\""
        case .nullBulkString, .nullArray, .null: return "(nil)"
        case .double(let value): return "(double) \(RESPDouble.text(value))"
        case .boolean(let truth): return truth ? "(true)" : "(false)"
        case .verbatimString(_, let text): return String(decoding: text.prefix(60), as: UTF8.self)
        case .bigNumber(let digits): return "(big number) \(digits)"
        case .array(let items), .set(let items), .push(let items), .map(let items):
            let shown = items.prefix(4).map(\.elementText).joined(separator: ", ")
            return "[\(shown)\(items.count > 4 ? ", … (\(items.count) items)" : "")]"
        }
    }

    /// An array element in one notation with its brackets: `[70, "alice", nil]`, not redis-cli's
    /// `(integer)` inside a list.
    private var elementText: String {
        switch self {
        case .integer(let value): return String(value)
        case .nullBulkString, .nullArray, .null: return "nil"
        case .double(let value): return RESPDouble.text(value)
        default: return shortText
        }
    }

    /// Roughly the bytes the reply takes on the wire, for the reply cap.
    var approximateSize: Int {
        switch self {
        case .simpleString(let text), .error(let text): return text.byteCount + 3
        case .integer: return 12
        case .bulkString(let bytes): return bytes.count + 8
        case .nullBulkString, .nullArray, .null, .boolean, .double, .bigNumber: return RESPEncoder.encodedCount(of: self)
        case .verbatimString(_, let text): return text.count + 12
        case .array(let items), .set(let items), .push(let items), .map(let items):
            return items.reduce(8) { $0 + $1.approximateSize }
        }
    }
}
