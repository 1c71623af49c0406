import Yams

/// The fields of one YAML mapping by name, with the line of each key, in file order.
struct YAMLFields {
    /// Each field's value node.
    var values: [String: Node] = [:]
    /// Each field's key line.
    var lines: [String: Int] = [:]
    /// Keys that are not plain text, or repeated, with their lines.
    var oddKeys: [(text: String, line: Int, repeated: Bool)] = []
    /// Field names in the order written.
    var order: [String] = []

    init(_ mapping: Node.Mapping, line: (Node) -> Int) {
        for (key, value) in mapping {
            let name = key.scalar?.string ?? "\(key)"
            if values[name] != nil || key.scalar == nil {
                oddKeys.append((name, line(key), values[name] != nil))
                continue
            }
            values[name] = value
            lines[name] = line(key)
            order.append(name)
        }
    }

    subscript(name: String) -> Node? { values[name] }

    /// The line of `name`'s key, else `fallback`.
    func line(_ name: String, or fallback: Int) -> Int { lines[name] ?? fallback }
}

extension Node {
    /// True for `~`, `null` or nothing, unquoted: YAML's null.
    var isYAMLNull: Bool {
        guard let scalar, scalar.style == .plain || scalar.style == .any else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// True for a scalar written without quotes.
    var isPlainScalar: Bool {
        guard let scalar else { return false }
        return scalar.style == .plain || scalar.style == .any
    }
}
