/// A sorted set: members ordered by (score, member).
public final class SortedSetValue {
    /// Each member's score.
    public var scores: [ByteString: Double]

    public init(_ scores: [ByteString: Double] = [:]) { self.scores = scores }

    /// A deep copy, for COPY.
    public func clone() -> SortedSetValue { SortedSetValue(scores) }
}

extension SortedSetValue {
    /// `listpack` while small (zset-max-listpack-entries 128, -value 64), else `skiplist`.
    public var encodingName: String {
        scores.count <= 128 && scores.keys.allSatisfy { $0.count <= 64 } ? "listpack" : "skiplist"
    }
}
