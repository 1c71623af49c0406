import DequeModule

/// A list: a double-ended queue, so pushes and pops at both ends are O(1).
///
/// Redis 7.0 always reports lists as `quicklist`, so there is no encoding state to keep.
public final class ListValue {
    /// The elements, head first.
    public var elements: Deque<ByteString>

    public init(_ elements: Deque<ByteString> = []) { self.elements = elements }

    /// A deep copy, for COPY.
    public func clone() -> ListValue { ListValue(elements) }
}

/// One end of a list: `left` is the head (LPUSH, LPOP), `right` the tail (RPUSH, RPOP).
public enum ListEnd: Sendable, Equatable {
    case left, right

    /// The other end.
    public var opposite: ListEnd { self == .left ? .right : .left }
}

extension ListValue {
    /// The number of elements.
    public var count: Int { elements.count }

    /// True when the list holds nothing (the key must then be deleted).
    public var isEmpty: Bool { elements.isEmpty }

    /// Adds `element` at `end`.
    ///
    /// - Complexity: O(1) amortized.
    public func push(_ element: ByteString, at end: ListEnd) {
        if end == .left { elements.prepend(element) } else { elements.append(element) }
    }

    /// Removes and returns the element at `end`, or nil when empty.
    ///
    /// - Complexity: O(1).
    public func pop(from end: ListEnd) -> ByteString? {
        if end == .left { return elements.popFirst() }
        return elements.popLast()
    }

    /// Removes up to `count` elements from `end`, in the order they were popped.
    ///
    /// - Complexity: O(count).
    public func pop(from end: ListEnd, count: Int) -> [ByteString] {
        var popped: [ByteString] = []
        popped.reserveCapacity(min(count, elements.count))
        while popped.count < count, let element = pop(from: end) { popped.append(element) }
        return popped
    }

    /// The element at `index`, negative indices counting from the tail; nil when out of range.
    ///
    /// - Complexity: O(1).
    public func element(at index: Int) -> ByteString? {
        let resolved = index < 0 ? elements.count + index : index
        guard resolved >= 0, resolved < elements.count else { return nil }
        return elements[resolved]
    }

    /// Checks the structure's invariants; the tests call it after every operation.
    public func checkInvariants() {
        precondition(elements.count >= 0)
        precondition(elements.startIndex == 0 && elements.endIndex == elements.count)
    }
}
