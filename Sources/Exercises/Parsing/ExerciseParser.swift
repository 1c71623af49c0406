import Foundation
import LessonKit
import Yams

/// Reads one exercise file: YAML front matter between `---` lines, then the instructions.
/// Every mistake becomes an `ExerciseProblem` naming its line; nothing here crashes on bad input.
struct ExerciseParser {
    /// A lesson an exercise may name, as the catalog knows it.
    struct LessonReference: Sendable {
        var slug: String
        var number: Int
    }

    /// The path used in problems.
    let file: String
    /// The file's lines (without line endings), numbered from 1 by `text(ofLine:)`.
    let lines: [String]
    /// The lesson whose folder holds the file.
    let folderLesson: LessonReference
    /// The exercise's position in its lesson (from the `NN-` file-name prefix).
    let number: Int
    /// Finds a lesson by slug or number.
    let resolveLesson: (String) -> LessonReference?
    /// Problems found so far.
    var problems: [ExerciseProblem] = []

    init(file: String, text: String, folderLesson: LessonReference, number: Int, resolveLesson: @escaping (String) -> LessonReference?) {
        self.file = file
        var body = Substring(text)
        if body.hasPrefix("\u{FEFF}") { body = body.dropFirst() }
        self.lines = body.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
        }
        self.folderLesson = folderLesson
        self.number = number
        self.resolveLesson = resolveLesson
    }

    /// The text of a 1-based line, or "" past the end.
    func text(ofLine line: Int) -> String { line >= 1 && line <= lines.count ? lines[line - 1] : "" }

    /// Records a problem.
    mutating func report(_ line: Int, _ message: String, fix: String) {
        problems.append(ExerciseProblem(file: file, line: line, message: message, fix: fix))
    }

    /// The exercise, or nil when a problem prevents building it (problems say why).
    mutating func parse() -> Exercise? {
        guard text(ofLine: 1).trimmingCharacters(in: .whitespaces) == "---" else {
            report(1, "the exercise does not start with YAML front matter",
                   fix: "begin the file with a `---` line, the fields (id, lesson, title, …) and another `---` line")
            return nil
        }
        guard let closing = lines.indices.dropFirst().first(where: { lines[$0].trimmingCharacters(in: .whitespaces) == "---" }).map({ $0 + 1 }) else {
            report(1, "the front matter that starts here is never closed", fix: "add a `---` line after the last field")
            return nil
        }
        let yaml = (2..<closing).map(text(ofLine:)).joined(separator: "\n")
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml, .basic, .default, .utf8)
        } catch let error as YamlError {
            reportYAML(error)
            return nil
        } catch {
            report(2, "the front matter is not valid YAML (\(error))", fix: "write one `key: value` per line")
            return nil
        }
        guard let root, let mapping = root.mapping else {
            report(2, "the front matter is not a mapping of `key: value` fields", fix: "write one `key: value` per line (id, lesson, title, …)")
            return nil
        }
        let instructions = lines.count > closing ? lines[closing...].joined(separator: "\n") : ""
        return readExercise(mapping, rootLine: line(of: root), instructions: instructions, instructionsLine: closing + 1)
    }

    /// The file line of a node (Yams counts from 1, and the YAML starts on the file's line 2).
    func line(of node: Node) -> Int { (node.mark?.line ?? 1) + 1 }

    /// Turns a libyaml error into a problem on the file's line.
    private mutating func reportYAML(_ error: YamlError) {
        let fix = "fix the YAML there (quote a value that contains `: ` or ` #`, or starts with `[`, `{`, `*`, `&`, `!`, `%`, `@`)"
        guard let place = YAMLErrorPlace(error) else {
            report(2, "broken YAML in the front matter: \(error)", fix: fix)
            return
        }
        // libyaml notices an unclosed quote only lines later; point at the quote itself.
        if let open = (2...max(2, place.stopLine)).first(where: { Self.hasUnclosedQuote(text(ofLine: $0)) }), open < place.stopLine {
            report(open, "broken YAML in the front matter: a quote opened on this line is not closed on it (libyaml: \(place.what))",
                   fix: "close the quote on the same line, or quote the whole value with the other kind of quote")
            return
        }
        report(place.line, "broken YAML in the front matter: \(place.what)", fix: fix)
    }

    /// True when a line opens a double or single quote it does not close (a YAML value only).
    static func hasUnclosedQuote(_ line: String) -> Bool {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("#") { return false }
        guard let colon = trimmed.range(of: ": ") ?? (trimmed.hasPrefix("- ") ? trimmed.range(of: "- ") : nil) else { return false }
        let value = trimmed[colon.upperBound...].trimmingCharacters(in: .whitespaces)
        guard let quote = value.first, quote == "\"" || quote == "'" else { return false }
        var escaped = false
        for character in value.dropFirst() {
            if quote == "\"", character == "\\", !escaped { escaped = true; continue }
            if character == quote, !escaped { return false }
            escaped = false
        }
        return true
    }
}
