/// A hash: field → value.
public final class HashValue {
    /// The fields and their values.
    public var fields: [ByteString: ByteString]

    public init(_ fields: [ByteString: ByteString] = [:]) { self.fields = fields }

    /// A deep copy, for COPY.
    public func clone() -> HashValue { HashValue(fields) }
}
