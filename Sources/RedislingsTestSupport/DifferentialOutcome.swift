import RESP

/// What a step produced on one backend.
public enum DifferentialOutcome: Sendable, Equatable, CustomStringConvertible {
    /// A reply or pushed message.
    case reply(RESPValue)
    /// The connection failed or was closed (after QUIT, CLIENT KILL, …); messages differ by backend.
    case connectionError
    /// RECV waited and nothing arrived.
    case nothing

    public var description: String {
        switch self {
        case .reply(let value): return value.debugDescription
        case .connectionError: return "<connection closed>"
        case .nothing: return "<nothing received>"
        }
    }

    /// True when `other` is the same under `comparison`.
    public func matches(_ other: DifferentialOutcome, under comparison: DifferentialComparison) -> Bool {
        switch (self, other) {
        case (.reply(let a), .reply(let b)):
            return Self.normalized(a, comparison) == Self.normalized(b, comparison)
        case (.connectionError, .connectionError), (.nothing, .nothing):
            return true
        default:
            return false
        }
    }

    /// The value with what the comparison ignores taken out: values replaced by their kind for
    /// `~`, array elements sorted for `%`.
    static func normalized(_ value: RESPValue, _ comparison: DifferentialComparison) -> RESPValue {
        var value = value
        if comparison.unordered { value = sortedArrays(value) }
        if comparison.shapeOnly { value = shape(value) }
        return value
    }

    static func shape(_ value: RESPValue) -> RESPValue {
        switch value {
        case .simpleString: return .simpleString("")
        case .error: return .error("")
        case .integer: return .integer(0)
        case .bulkString: return .bulkString([])
        case .nullBulkString, .nullArray, .null, .boolean: return value
        case .double: return .double(0)
        case .verbatimString(let format, _): return .verbatimString(format: format, text: [])
        case .bigNumber: return .bigNumber("0")
        case .array(let items): return .array(items.map(shape))
        case .set(let items): return .set(items.map(shape))
        case .push(let items): return .push(items.map(shape))
        case .map(let items): return .map(items.map(shape))
        }
    }

    /// Sorts every array and set, and every map's entries, so that order does not count.
    static func sortedArrays(_ value: RESPValue) -> RESPValue {
        func sorted(_ items: [RESPValue]) -> [RESPValue] {
            items.map(sortedArrays).sorted { RESPEncoder.encode($0).lexicographicallyPrecedes(RESPEncoder.encode($1)) }
        }
        switch value {
        case .array(let items): return .array(sorted(items))
        case .set(let items): return .set(sorted(items))
        case .map(let items):
            let pairs = stride(from: 0, to: items.count - 1, by: 2).map { RESPValue.array([items[$0], sortedArrays(items[$0 + 1])]) }
            let ordered = pairs.sorted { RESPEncoder.encode($0).lexicographicallyPrecedes(RESPEncoder.encode($1)) }
            return .map(ordered.flatMap { $0.arrayValue ?? [] })
        default: return value
        }
    }
}
