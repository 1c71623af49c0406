/// A set of distinct members.
public final class SetValue {
    /// The members.
    public var members: Set<ByteString>

    public init(_ members: Set<ByteString> = []) { self.members = members }

    /// A deep copy, for COPY.
    public func clone() -> SetValue { SetValue(members) }
}
