import Yams

extension FrontMatterParser {
    /// Reads the fields of the front matter mapping, collecting a problem for each bad one.
    struct FieldReader {
        let source: LessonSource
        let closingLine: Int
        var problems: [LessonProblem] = []

        init(source: LessonSource, closingLine: Int) {
            self.source = source
            self.closingLine = closingLine
        }

        mutating func read(_ root: Node?) -> LessonMetadata? {
            var fields: [String: Node] = [:]
            var lines: [String: Int] = [:]
            if let root {
                guard let mapping = root.mapping else {
                    problems.append(source.problem(
                        .brokenYAML, line: fileLine(root), "the front matter is not a list of `key: value` fields",
                        fix: "write one `key: value` per line (number, title, slug, …)", fatal: true))
                    return nil
                }
                for (key, value) in mapping {
                    guard let name = key.scalar?.string else { continue }
                    fields[name] = value
                    lines[name] = fileLine(key)
                }
            }

            let title = requiredString("title", fields, lines, example: "title: \"Redis Caching Strategies\"")
            let slug = requiredString("slug", fields, lines, example: "slug: \(title.map(FieldReader.slug(for:)) ?? "redis-caching-strategies")")
            if let slug, slug.contains(where: { $0 == " " || $0 == "\t" || $0 == "/" }) {
                problems.append(source.problem(
                    .invalidField, line: lines["slug"] ?? 1, "the slug `\(slug)` contains spaces or slashes",
                    fix: "use lowercase words joined by hyphens, e.g. `redis-caching-strategies`", fatal: true))
                return nil
            }
            let number = readNumber(fields, lines)
            guard let title, let slug, let number else { return nil }

            return LessonMetadata(
                number: number, title: title, slug: slug,
                level: optionalString("level", fields, lines),
                tags: stringList("tags", fields, lines),
                prerequisites: stringList("prerequisites", fields, lines),
                estimatedMinutes: optionalInt("estimated_minutes", fields, lines),
                contributors: stringList("contributors", fields, lines),
                diagrams: stringList("diagrams", fields, lines),
                examples: stringList("examples", fields, lines),
                canonicalID: optionalString("canonical_id", fields, lines),
                fieldLines: lines)
        }

        /// A slug made from a title: lowercase words joined by hyphens.
        static func slug(for title: String) -> String {
            let words = title.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) })
            return words.isEmpty ? "lesson" : words.joined(separator: "-")
        }

        private func fileLine(_ node: Node) -> Int { (node.mark?.line ?? 1) + 1 }

        /// `~`, `null` or nothing, unquoted: YAML's null.
        private func isNull(_ node: Node) -> Bool {
            guard let scalar = node.scalar, scalar.style == .plain || scalar.style == .any else { return false }
            return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
        }

        private mutating func requiredString(_ name: String, _ fields: [String: Node], _ lines: [String: Int], example: String) -> String? {
            guard let node = fields[name], !isNull(node) else {
                problems.append(source.problem(
                    .missingField, line: lines[name] ?? 1, "the front matter has no `\(name)`",
                    fix: "add a line like `\(example)` between the `---` lines", fatal: true))
                return nil
            }
            guard let value = node.scalar?.string.trimmingWhitespace(), !value.isEmpty else {
                problems.append(source.problem(
                    .invalidField, line: lines[name] ?? 1, "`\(name)` must be a non-empty text",
                    fix: "write it like `\(example)`", fatal: true))
                return nil
            }
            return value
        }

        /// The number comes from `number:`, else from the file name's leading digits (`14. …md`).
        private mutating func readNumber(_ fields: [String: Node], _ lines: [String: Int]) -> Int? {
            if let node = fields["number"], !isNull(node) {
                if let value = node.scalar.flatMap({ Int($0.string.trimmingWhitespace()) }), value >= 0 { return value }
                problems.append(source.problem(
                    .invalidField, line: lines["number"] ?? 1, "`number` must be a whole number, not `\(node.scalar?.string ?? "a list")`",
                    fix: "write it like `number: 14`", fatal: true))
                return nil
            }
            let name = source.file.split(separator: "/").last.map(String.init) ?? source.file
            if let value = Int(name.prefix(while: \.isNumber)) { return value }
            problems.append(source.problem(
                .missingField, line: 1, "the front matter has no `number` and the file name does not start with one",
                fix: "add a line like `number: 14` between the `---` lines", fatal: true))
            return nil
        }

        private mutating func optionalString(_ name: String, _ fields: [String: Node], _ lines: [String: Int]) -> String {
            guard let node = fields[name], !isNull(node) else { return "" }
            guard let value = node.scalar?.string else {
                problems.append(source.problem(
                    .invalidField, line: lines[name] ?? 1, "`\(name)` must be a text, not a list or mapping",
                    fix: "write it like `\(name): value`"))
                return ""
            }
            return value.trimmingWhitespace()
        }

        private mutating func optionalInt(_ name: String, _ fields: [String: Node], _ lines: [String: Int]) -> Int {
            guard let node = fields[name], !isNull(node) else { return 0 }
            guard let value = node.scalar.flatMap({ Int($0.string.trimmingWhitespace()) }), value >= 0 else {
                problems.append(source.problem(
                    .invalidField, line: lines[name] ?? 1, "`\(name)` must be a whole number of minutes",
                    fix: "write it like `\(name): 45`"))
                return 0
            }
            return value
        }

        /// A list of texts; a single text counts as a list of one, and nested values are kept as YAML.
        private mutating func stringList(_ name: String, _ fields: [String: Node], _ lines: [String: Int]) -> [String] {
            guard let node = fields[name], !isNull(node) else { return [] }
            if let scalar = node.scalar { return scalar.string.isEmpty ? [] : [scalar.string] }
            guard let sequence = node.sequence else {
                problems.append(source.problem(
                    .invalidField, line: lines[name] ?? 1, "`\(name)` must be a list",
                    fix: "write it like `\(name): [first, second]`"))
                return []
            }
            return sequence.map { item in
                if let scalar = item.scalar { return scalar.string }
                return ((try? Yams.serialize(node: item)) ?? "").trimmingWhitespace()
            }
        }
    }
}
