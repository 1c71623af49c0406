import DequeModule

/// A list: a double-ended queue, so pushes and pops at both ends are O(1).
public final class ListValue {
    /// The elements, head first.
    public var elements: Deque<ByteString>

    public init(_ elements: Deque<ByteString> = []) { self.elements = elements }

    /// A deep copy, for COPY.
    public func clone() -> ListValue { ListValue(elements) }
}
