/// A set of distinct members.
public final class SetValue {
    /// The members.
    public var members: Set<ByteString>

    public init(_ members: Set<ByteString> = []) { self.members = members }

    /// A deep copy, for COPY.
    public func clone() -> SetValue { SetValue(members) }
}

extension SetValue {
    /// `intset` while every member is an integer and there are at most 512, else `hashtable`.
    public var encodingName: String {
        members.count <= 512 && members.allSatisfy { $0.int64Value != nil } ? "intset" : "hashtable"
    }
}
