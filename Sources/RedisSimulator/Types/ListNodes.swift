/// The nodes of a list's quicklist. Most lists are small, one node: that node is kept in place
/// rather than in an array of one, so a small list costs its object and its node's bytes, as
/// Redis's costs a quicklist and one listpack, and no 64-byte array besides.
struct ListNodes {
    private enum Storage {
        case one(ListNode)
        case many(ContiguousArray<ListNode>)
    }
    private var storage = Storage.many([])

    init() {}
}

extension ListNodes: RandomAccessCollection, MutableCollection {
    var startIndex: Int { 0 }

    var endIndex: Int {
        switch storage {
        case .one: return 1
        case .many(let nodes): return nodes.count
        }
    }

    subscript(position: Int) -> ListNode {
        get {
            switch storage {
            case .one(let node):
                precondition(position == 0, "node \(position) of a one-node list")
                return node
            case .many(let nodes): return nodes[position]
            }
        }
        _modify {
            // Take the payload out of the enum first, so its bytes are uniquely held and grow in
            // place rather than being copied by the write.
            switch storage {
            case .one(var node):
                precondition(position == 0, "node \(position) of a one-node list")
                storage = .many([])
                defer { storage = .one(node) }
                yield &node
            case .many(var nodes):
                storage = .many([])
                defer { storage = .many(nodes) }
                yield &nodes[position]
            }
        }
    }
}

extension ListNodes {
    /// Applies `body` to the nodes as an array, then keeps a single node in place.
    private mutating func edit(_ body: (inout ContiguousArray<ListNode>) -> Void) {
        var nodes: ContiguousArray<ListNode>
        switch storage {
        case .one(let node): nodes = [node]
        case .many(let held): nodes = held
        }
        storage = .many([])
        body(&nodes)
        storage = nodes.count == 1 ? .one(nodes[0]) : .many(nodes)
    }

    /// Adds `node` after the last.
    mutating func append(_ node: ListNode) {
        if isEmpty {
            storage = .one(node)
        } else {
            edit { $0.append(node) }
        }
    }

    /// Inserts `node` at position `index` (0...count).
    mutating func insert(_ node: ListNode, at index: Int) {
        if isEmpty {
            storage = .one(node)
        } else {
            edit { $0.insert(node, at: index) }
        }
    }

    /// Removes the node at `index`.
    mutating func remove(at index: Int) {
        edit { _ = $0.remove(at: index) }
    }

    /// Removes every node.
    mutating func removeAll() { storage = .many([]) }
}

extension ListNodes {
    /// Runs `body` on node `position` in place. Pushes and pops use this rather than the
    /// subscript: its `_modify` coroutine keeps its frame on the heap, a malloc and a free on
    /// every element added or removed.
    @inline(__always)
    mutating func update<Result>(_ position: Int, _ body: (inout ListNode) -> Result) -> Result {
        switch storage {
        case .one(var node):
            precondition(position == 0, "node \(position) of a one-node list")
            storage = .many([])
            defer { storage = .one(node) }
            return body(&node)
        case .many(var nodes):
            storage = .many([])
            defer { storage = .many(nodes) }
            return body(&nodes[position])
        }
    }
}
