import Yams

/// Reads the YAML front matter between the `---` lines at the top of a lesson.
enum FrontMatterParser {
    struct Result {
        var metadata: LessonMetadata?
        /// The first line of the markdown body.
        var bodyLine: Int
        var problems: [LessonProblem]
    }

    static func parse(_ source: LessonSource) -> Result {
        guard source.text(ofLine: 1).trimmingWhitespace() == "---" else {
            let problem = source.problem(
                .missingFrontMatter, line: 1, "the lesson does not start with YAML front matter",
                fix: "begin the file with a `---` line, the fields (number, title, slug, …) and another `---` line",
                fatal: true)
            return Result(metadata: nil, bodyLine: 1, problems: [problem])
        }
        guard let closing = (2...max(2, source.lineCount)).first(where: { line in
            let text = source.text(ofLine: line).trimmingWhitespace()
            return text == "---" || text == "..."
        }), closing <= source.lineCount else {
            let problem = source.problem(
                .missingFrontMatter, line: 1, "the front matter that starts here is never closed",
                fix: "add a `---` line after the last front matter field", fatal: true)
            return Result(metadata: nil, bodyLine: source.lineCount + 1, problems: [problem])
        }
        let yaml = (2..<closing).map(source.text(ofLine:)).joined(separator: "\n")
        let root: Node?
        do {
            // Fields are converted by hand, so the regex-based implicit typing of scalars is not needed;
            // an explicit encoding spares Yams a look at the environment on every file.
            root = try Yams.compose(yaml: yaml, .basic, .default, .utf8)
        } catch let error as YamlError {
            return Result(metadata: nil, bodyLine: closing + 1, problems: [yamlProblem(error, source: source)])
        } catch {
            let problem = source.problem(.brokenYAML, line: 2, "the front matter is not valid YAML (\(error))",
                                         fix: "write one `key: value` per line", fatal: true)
            return Result(metadata: nil, bodyLine: closing + 1, problems: [problem])
        }
        var reader = FieldReader(source: source, closingLine: closing)
        let metadata = reader.read(root)
        return Result(metadata: metadata, bodyLine: closing + 1, problems: reader.problems)
    }

    /// Turns a libyaml error into a problem on the file's line (the YAML starts on line 2).
    private static func yamlProblem(_ error: YamlError, source: LessonSource) -> LessonProblem {
        let fix = "fix the YAML syntax there (quote values that contain `: `, `#`, `[` or start with `*`, `&`, `!`)"
        guard let place = YAMLErrorPlace(error) else {
            return source.problem(.brokenYAML, line: 2, "broken YAML in the front matter: \(error)", fix: fix, fatal: true)
        }
        return source.problem(.brokenYAML, line: place.line, "broken YAML in the front matter: \(place.what)", fix: fix, fatal: true)
    }
}
