import RESP

/// The structure of a reply without its contents: the kinds of its values all the way down.
/// Two servers given the same keyspace must answer in the same structure, even where random
/// picks or hash-table order make the values differ; a map sent where Redis sends a flat array,
/// or a bulk string where Redis sends a double, is what RESP3 clients trip over.
enum ReplyShape {
    /// How deep aggregates are compared, and how many elements of each.
    static let depthLimit = 6
    static let elementLimit = 32

    /// True when `expected` and `actual` have the same structure. Aggregates of equal size are
    /// compared element by element (maps key by key where their keys are strings, since a map's
    /// order is a hash table's); of different sizes (a random count, a page of a scan) by the
    /// kind of their first elements only, and an empty one agrees with any of its kind.
    static func agree(_ expected: RESPValue, _ actual: RESPValue, depth: Int = 0) -> Bool {
        guard DifferentialFuzzer.kind(expected) == DifferentialFuzzer.kind(actual) else { return false }
        guard depth < depthLimit else { return true }
        switch (expected, actual) {
        case (.map(let left), .map(let right)):
            if let left = keyed(left), let right = keyed(right) {
                // Keys present in both must hold the same structure; a key of one only is a
                // difference when both maps are complete (same size), else a random pick.
                if left.count == right.count, Set(left.keys) != Set(right.keys) { return false }
                return left.allSatisfy { key, value in right[key].map { agree(value, $0, depth: depth + 1) } ?? true }
            }
            return elementsAgree(left, right, depth: depth)
        case (.array(let left), .array(let right)), (.set(let left), .set(let right)), (.push(let left), .push(let right)):
            return elementsAgree(left, right, depth: depth)
        default:
            return true
        }
    }

    private static func elementsAgree(_ left: [RESPValue], _ right: [RESPValue], depth: Int) -> Bool {
        if left.isEmpty || right.isEmpty { return true }
        // Of different sizes the elements may be different ones altogether (COMMAND INFO's
        // every command, when one server has a command more): only their kind is compared.
        guard left.count == right.count else { return DifferentialFuzzer.kind(left[0]) == DifferentialFuzzer.kind(right[0]) }
        let count = min(left.count, elementLimit)
        if (0..<count).allSatisfy({ agree(left[$0], right[$0], depth: depth + 1) }) { return true }
        // Elements in another order (COMMAND INFO lists the command table in its hash order):
        // the same structures, counted, in any order.
        guard left.count <= unorderedLimit else { return false }
        return left.map { describe($0, limit: .max) }.sorted() == right.map { describe($0, limit: .max) }.sorted()
    }

    /// The most elements compared in any order.
    static let unorderedLimit = 1024

    /// A map's values by key, when every key is a string.
    private static func keyed(_ pairs: [RESPValue]) -> [String: RESPValue]? {
        var values: [String: RESPValue] = [:]
        var index = 0
        while index + 1 < pairs.count {
            guard let key = pairs[index].stringValue else { return nil }
            values[key] = pairs[index + 1]
            index += 2
        }
        return values
    }

    /// The structure written out, shortened to `limit` characters: `map{flags:set{bulk},…}`.
    static func describe(_ value: RESPValue, limit: Int = 160) -> String {
        var text = ""
        write(value, into: &text, depth: 0, limit: limit)
        return text.count > limit ? String(text.prefix(limit)) + "…" : text
    }

    private static func write(_ value: RESPValue, into text: inout String, depth: Int, limit: Int) {
        text += DifferentialFuzzer.kind(value)
        guard text.count <= limit, depth < depthLimit else { return }
        switch value {
        case .map(let pairs):
            text += "{"
            var index = 0
            while index + 1 < pairs.count, text.count <= limit {
                if index > 0 { text += "," }
                text += (pairs[index].stringValue ?? DifferentialFuzzer.kind(pairs[index])) + ":"
                write(pairs[index + 1], into: &text, depth: depth + 1, limit: limit)
                index += 2
            }
            text += "}"
        case .array(let elements), .set(let elements), .push(let elements):
            guard !elements.isEmpty else { return }
            text += "{"
            for (index, element) in elements.prefix(8).enumerated() {
                if index > 0 { text += "," }
                write(element, into: &text, depth: depth + 1, limit: limit)
            }
            if elements.count > 8 { text += ",…" }
            text += "}"
        default:
            break
        }
    }
}
