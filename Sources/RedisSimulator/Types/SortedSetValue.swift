/// A sorted set: members ordered by (score, member).
public final class SortedSetValue {
    /// Each member's score.
    public var scores: [ByteString: Double]

    public init(_ scores: [ByteString: Double] = [:]) { self.scores = scores }

    /// A deep copy, for COPY.
    public func clone() -> SortedSetValue { SortedSetValue(scores) }
}
