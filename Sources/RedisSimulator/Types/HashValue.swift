/// A hash: field → value.
public final class HashValue {
    /// The fields and their values.
    public var fields: [ByteString: ByteString]

    public init(_ fields: [ByteString: ByteString] = [:]) { self.fields = fields }

    /// A deep copy, for COPY.
    public func clone() -> HashValue { HashValue(fields) }
}

extension HashValue {
    /// `listpack` while small (hash-max-listpack-entries 128, -value 64), else `hashtable`.
    public var encodingName: String {
        fields.count <= 128 && fields.allSatisfy { $0.key.count <= 64 && $0.value.count <= 64 } ? "listpack" : "hashtable"
    }
}
