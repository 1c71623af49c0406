/// A stream: entries ordered by id, with consumer groups.
public final class StreamValue {
    public init() {}

    /// A deep copy, for COPY.
    public func clone() -> StreamValue { StreamValue() }
}
