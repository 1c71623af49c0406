import Foundation
import Yams

extension ExerciseParser {
    static let expectationKeys = ["error", "matches", "between", "unordered", "length", "any", "not"]

    /// An expectation from its YAML form (see FORMAT.md's table).
    mutating func readExpectation(_ node: Node) -> Expectation? {
        let at = line(of: node)
        if node.isYAMLNull { return .null }
        if let scalar = node.scalar {
            if node.isPlainScalar, let integer = Int64(scalar.string) { return .integer(integer) }
            return .string(scalar.string)
        }
        if let sequence = node.sequence {
            var items: [Expectation] = []
            for item in sequence {
                guard let expectation = readExpectation(item) else { return nil }
                items.append(expectation)
            }
            return .array(items)
        }
        guard let mapping = node.mapping, mapping.count == 1, let (key, value) = mapping.first, let name = key.scalar?.string,
              Self.expectationKeys.contains(name) else {
            report(at, "an expectation written as a mapping must have exactly one of: \(Self.expectationKeys.joined(separator: ", "))",
                   fix: "write e.g. `{error: \"WRONGTYPE\"}` or `{between: [1, 30]}`; a plain value matches itself")
            return nil
        }
        switch name {
        case "error":
            guard let text = value.scalar?.string, !value.isYAMLNull else { return bad(at, name, "{error: \"WRONGTYPE\"}") }
            return .error(text)
        case "matches":
            guard let pattern = value.scalar?.string, !value.isYAMLNull else { return bad(at, name, "{matches: \"^\\\\d+-\\\\d+$\"}") }
            guard (try? NSRegularExpression(pattern: pattern)) != nil else {
                report(at, "the regular expression `\(pattern)` does not compile", fix: "fix it (in double quotes, write a backslash as `\\\\`)")
                return nil
            }
            return .matches(pattern)
        case "between":
            guard let bounds = value.sequence, bounds.count == 2,
                  let low = bounds[0].scalar.flatMap({ Int64($0.string) }), let high = bounds[1].scalar.flatMap({ Int64($0.string) }) else {
                return bad(at, name, "{between: [1, 30]}")
            }
            guard low <= high else {
                report(at, "`between: [\(low), \(high)]` is an empty range", fix: "write the smaller bound first")
                return nil
            }
            return .between(low, high)
        case "unordered":
            guard let items = value.sequence else { return bad(at, name, "{unordered: [a, b]}") }
            var expectations: [Expectation] = []
            for item in items {
                guard let expectation = readExpectation(item) else { return nil }
                expectations.append(expectation)
            }
            return .unordered(expectations)
        case "length":
            guard value.isPlainScalar, let length = value.scalar.flatMap({ Int($0.string) }), length >= 0 else { return bad(at, name, "{length: 2}") }
            return .length(length)
        case "any":
            guard value.scalar?.string.lowercased() == "true" else { return bad(at, name, "{any: true}") }
            return .any
        default:
            guard let inner = readExpectation(value) else { return nil }
            return .not(inner)
        }
    }

    private mutating func bad(_ line: Int, _ name: String, _ example: String) -> Expectation? {
        report(line, "a malformed `\(name)` expectation", fix: "write it like `\(example)`")
        return nil
    }
}
