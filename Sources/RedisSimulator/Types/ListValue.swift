/// A list, kept as Redis 7.0 keeps every list (`quicklist`): a sequence of packed nodes
/// (`ListNode`) of at most 8 KB each, as `list-max-listpack-size -2` sizes Redis's. A small list
/// is one node, its elements in one buffer; pushes and pops at both ends are O(1) amortized, a
/// walk to an index visits the nodes from the nearer end as Redis's does.
///
/// Redis 7.0 reports every list as `quicklist`, so there is no encoding state to keep.
public final class ListValue {
    private var nodes = ListNodes()
    /// The number of elements.
    public private(set) var count = 0

    /// The most bytes a node grows to by pushes (Redis's default list-max-listpack-size -2).
    static let nodeBytes = 8192

    /// A list holding `elements`, head first.
    public init(_ elements: [ByteString] = []) {
        replaceAll(elements)
    }

    /// A list holding `elements`, head first.
    public convenience init(_ elements: some Sequence<ByteString>) {
        self.init(Array(elements))
    }

    /// A deep copy, for COPY.
    public func clone() -> ListValue {
        let copy = ListValue()
        copy.nodes = nodes
        copy.count = count
        return copy
    }
}

/// One end of a list: `left` is the head (LPUSH, LPOP), `right` the tail (RPUSH, RPOP).
public enum ListEnd: Sendable, Equatable {
    case left, right

    /// The other end.
    public var opposite: ListEnd { self == .left ? .right : .left }
}

extension ListValue {
    /// True when the list holds nothing (the key must then be deleted).
    public var isEmpty: Bool { count == 0 }

    /// Every element, head first.
    ///
    /// - Complexity: O(n).
    public var elements: [ByteString] {
        var result: [ByteString] = []
        result.reserveCapacity(count)
        for node in nodes { node.forEach { result.append($0); return true } }
        return result
    }

    /// Adds `element` at `end`.
    ///
    /// - Complexity: O(1) amortized.
    public func push(_ element: ByteString, at end: ListEnd) {
        let packed = ListNode.Packed(element)
        let size = packed.size
        // The room check runs on the node in place: reading `nodes[i].size` copied the node,
        // a retain and a release of its bytes on every push.
        let endNode = end == .right ? nodes.count - 1 : 0
        let pushed = !nodes.isEmpty && nodes.update(endNode) { (node: inout ListNode) -> Bool in
            guard node.size + size <= Self.nodeBytes else { return false }
            if end == .right { node.append(packed) } else { node.prepend(packed) }
            return true
        }
        if !pushed {
            if !nodes.isEmpty { nodes[endNode].compact() }
            var node = ListNode()
            node.append(packed)
            if end == .right { nodes.append(node) } else { nodes.insert(node, at: 0) }
        }
        count += 1
    }

    /// Removes and returns the element at `end`, or nil when empty.
    ///
    /// - Complexity: O(1) amortized.
    public func pop(from end: ListEnd) -> ByteString? {
        guard count > 0 else { return nil }
        let index = end == .left ? 0 : nodes.count - 1
        let element = nodes.update(index) { end == .left ? $0.removeFirst() : $0.removeLast() }
        if nodes[index].count == 0 { nodes.remove(at: index) }
        count -= 1
        return element
    }

    /// Removes up to `count` elements from `end`, in the order they were popped.
    ///
    /// - Complexity: O(count).
    public func pop(from end: ListEnd, count: Int) -> [ByteString] {
        var popped: [ByteString] = []
        popped.reserveCapacity(min(count, self.count))
        while popped.count < count, let element = pop(from: end) { popped.append(element) }
        return popped
    }

    /// The node holding element `index` (0..<count) and the element's index in it, found from
    /// the nearer end.
    private func locate(_ index: Int) -> (node: Int, offset: Int) {
        if index < count / 2 {
            var rest = index
            for n in nodes.indices {
                let held = Int(nodes[n].count)
                if rest < held { return (n, rest) }
                rest -= held
            }
        } else {
            var rest = count - 1 - index
            for n in nodes.indices.reversed() {
                let held = Int(nodes[n].count)
                if rest < held { return (n, held - 1 - rest) }
                rest -= held
            }
        }
        preconditionFailure("list index \(index) out of 0..<\(count)")
    }

    /// The element at `index`, negative indices counting from the tail; nil when out of range.
    ///
    /// - Complexity: O(n) in nodes walked, as Redis's quicklist.
    public func element(at index: Int) -> ByteString? {
        let resolved = index < 0 ? count + index : index
        guard resolved >= 0, resolved < count else { return nil }
        let (node, offset) = locate(resolved)
        return nodes[node].element(at: offset)
    }

    /// The elements at `range` (within 0..<count), in order, or in reverse when `reversed`.
    ///
    /// - Complexity: O(walk + range.count).
    public func elements(in range: Range<Int>, reversed: Bool = false) -> [ByteString] {
        guard !range.isEmpty else { return [] }
        var result: [ByteString] = []
        result.reserveCapacity(range.count)
        if !reversed {
            var (node, offset) = locate(range.lowerBound)
            while result.count < range.count {
                nodes[node].forEach(from: offset) { element in
                    result.append(element)
                    return result.count < range.count
                }
                node += 1
                offset = 0
            }
        } else {
            var (node, offset) = locate(range.upperBound - 1)
            while result.count < range.count {
                nodes[node].forEachReversed(from: offset) { element in
                    result.append(element)
                    return result.count < range.count
                }
                node -= 1
                if node >= 0 { offset = Int(nodes[node].count) - 1 }
            }
        }
        return result
    }

    /// Calls `body` with each index and element from the head, or from the tail when
    /// `fromTail`, until it returns false.
    public func forEach(fromTail: Bool = false, _ body: (Int, ByteString) -> Bool) {
        if fromTail {
            var index = count
            for node in nodes.reversed() {
                var goOn = true
                node.forEachReversed(from: Int(node.count) - 1) { element in
                    index -= 1
                    goOn = body(index, element)
                    return goOn
                }
                if !goOn { return }
            }
        } else {
            var index = 0
            for node in nodes {
                var goOn = true
                node.forEach { element in
                    goOn = body(index, element)
                    index += 1
                    return goOn
                }
                if !goOn { return }
            }
        }
    }

    /// The index of the first element equal to `element`, or nil.
    public func firstIndex(of element: ByteString) -> Int? {
        var found: Int?
        forEach { index, candidate in
            if candidate == element { found = index; return false }
            return true
        }
        return found
    }

    /// Replaces the element at `index` (in 0..<count).
    ///
    /// - Complexity: O(walk + node size).
    public func replace(at index: Int, with element: ByteString) {
        let (node, offset) = locate(index)
        editNode(node) { $0[offset] = element }
    }

    /// Inserts `element` before position `index` (0...count).
    ///
    /// - Complexity: O(walk + node size).
    public func insert(_ element: ByteString, at index: Int) {
        if index == count { return push(element, at: .right) }
        if index == 0 { return push(element, at: .left) }
        let (node, offset) = locate(index)
        editNode(node) { $0.insert(element, at: offset) }
        count += 1
    }

    /// Removes up to `limit` elements equal to `target`, from the head, or from the tail when
    /// `fromTail` (LREM); returns how many.
    ///
    /// - Complexity: O(n).
    public func remove(_ target: ByteString, limit: Int, fromTail: Bool) -> Int {
        var removed = 0
        var kept: [ByteString] = []
        kept.reserveCapacity(count)
        forEach(fromTail: fromTail) { _, element in
            if removed < limit, element == target { removed += 1 } else { kept.append(element) }
            return true
        }
        if removed > 0 { replaceAll(fromTail ? kept.reversed() : kept) }
        return removed
    }

    /// Keeps only the elements at `range` (within 0..<count), or none when nil (LTRIM).
    ///
    /// - Complexity: O(elements removed).
    public func trim(to range: Range<Int>?) {
        guard let range else { return replaceAll([]) }
        for _ in 0..<(count - range.upperBound) { _ = pop(from: .right) }
        for _ in 0..<range.lowerBound { _ = pop(from: .left) }
    }

    /// Rewrites node `index` with `body` applied to its elements, splitting it when it grew
    /// past twice a node's size and dropping it when emptied.
    private func editNode(_ index: Int, _ body: (inout [ByteString]) -> Void) {
        var elements = nodes[index].elements
        body(&elements)
        var rebuilt = ListNode()
        rebuilt.replaceAll(elements)
        if rebuilt.size <= 2 * Self.nodeBytes || elements.count < 2 {
            nodes[index] = rebuilt
        } else {
            var first = ListNode(), second = ListNode()
            let half = elements.count / 2
            first.replaceAll(elements[..<half])
            second.replaceAll(elements[half...])
            nodes[index] = first
            nodes.insert(second, at: index + 1)
        }
        if nodes[index].count == 0 { nodes.remove(at: index) }
    }

    /// Replaces every element, packing them into full nodes.
    private func replaceAll(_ elements: [ByteString]) {
        nodes.removeAll()
        count = 0
        for element in elements { push(element, at: .right) }
        if let last = nodes.indices.last { nodes[last].compact() }
    }

    /// The packed bytes held, the number of nodes and the largest node's bytes.
    var footprint: (bytes: Int, nodes: Int, largestNode: Int) {
        (nodes.reduce(0) { $0 + $1.size }, nodes.count, nodes.map(\.size).max() ?? 0)
    }

    /// Checks the structure's invariants; the tests call it after every operation.
    public func checkInvariants() {
        var total = 0
        for node in nodes {
            node.checkInvariants()
            precondition(node.count > 0, "an empty node is kept")
            total += Int(node.count)
        }
        precondition(total == count, "the nodes hold \(total) elements, the list counts \(count)")
    }
}
