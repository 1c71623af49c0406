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
        case .nullBulkString, .nullArray: return value
        case .array(let items): return .array(items.map(shape))
        }
    }

    static func sortedArrays(_ value: RESPValue) -> RESPValue {
        guard case .array(let items) = value else { return value }
        return .array(items.map(sortedArrays).sorted { RESPEncoder.encode($0).lexicographicallyPrecedes(RESPEncoder.encode($1)) })
    }
}
