import Foundation
import LessonKit
import Yams

extension ExerciseParser {
    /// The front matter fields an exercise may have.
    static let knownFields: [String] = [
        "id", "lesson", "title", "points", "answer", "keys", "starter", "setup", "peers", "checks", "hints", "solution", "wrong", "why", "covers",
    ]

    /// Builds the exercise from the front matter mapping, reporting each bad field.
    mutating func readExercise(_ mapping: Node.Mapping, rootLine: Int, instructions: String, instructionsLine: Int) -> Exercise? {
        let fields = YAMLFields(mapping, line: line(of:))
        reportOddKeys(fields, known: Self.knownFields, in: "the front matter")
        let id = readID(fields, rootLine)
        let lesson = readLesson(fields, rootLine)
        let title = requiredText("title", fields, rootLine, example: "title: \"Your first subscriber\"")
        let points = requiredCount("points", fields, rootLine, example: "points: 10")
        let answer = readAnswer(fields)
        let keys = optionalTextList("keys", fields, example: "keys: [news, \"news:*\"]") ?? []
        let starter = optionalText("starter", fields, example: "starter: |")
        let setup = fields["setup"].map { readSteps($0, field: "setup", allowScript: answer == .lua) } ?? []
        let peers = readPeers(fields, answer: answer)
        let checks = readChecks(fields, rootLine, peers: peers, answer: answer)
        let hints = readHints(fields, rootLine)
        let solution = requiredText("solution", fields, rootLine, example: "solution: |", multiline: true)
        let wrongAnswers = readWrongAnswers(fields, rootLine, points: points)
        let covers = optionalTextList("covers", fields, example: "covers: [pubsub-publish]") ?? []
        let why = optionalText("why", fields, example: "why: |").map { $0.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ") }

        if let points, let checks, !checks.isEmpty {
            let sum = checks.reduce(0) { $0 + $1.points }
            if sum != points {
                let detail = checks.map { "\($0.points)" }.joined(separator: " + ")
                report(fields.line("points", or: rootLine), "`points` is \(points) but the checks add up to \(sum) (\(detail))",
                       fix: "make `points` \(sum), or change the checks' points so they add up to \(points)")
            }
        }
        if answer == .lua, let checks, !checks.isEmpty, !callsScript(checks: checks, peers: peers, setup: setup) {
            report(fields.line("answer", or: rootLine), "a `lua` exercise whose steps never call the learner's script",
                   fix: "call it in a check's `run`, e.g. `EVAL $SCRIPT 1 key arg` or `EVALSHA $SHA 1 key arg`")
        }
        guard let id, let lesson, let title, let points, let checks, let hints, let solution, problems.isEmpty else { return nil }
        return Exercise(
            id: id, lesson: lesson.slug, lessonNumber: lesson.number, number: number, title: title, points: points,
            answer: answer ?? .redis, keys: keys, starter: starter, setup: setup, peers: peers, checks: checks, hints: hints,
            solution: solution, instructions: instructions, file: file, instructionsLine: instructionsLine,
            wrongAnswers: wrongAnswers, why: why, covers: covers)
    }

    /// Reports unknown and repeated keys of a mapping.
    mutating func reportOddKeys(_ fields: YAMLFields, known: [String], in place: String) {
        for odd in fields.oddKeys {
            if odd.repeated {
                report(odd.line, "`\(odd.text)` appears twice in \(place)", fix: "keep one `\(odd.text)` and delete the other")
            } else {
                report(odd.line, "\(place) has a key that is not a name", fix: "use one of: \(known.joined(separator: ", "))")
            }
        }
        for name in fields.order where !known.contains(name) {
            let suggestion = known.min { editDistance(name, $0) < editDistance(name, $1) }.flatMap { editDistance(name, $0) <= 2 ? $0 : nil }
            let fix = suggestion.map { "did you mean `\($0)`? The known fields are: \(known.joined(separator: ", "))" }
                ?? "remove it, or use one of: \(known.joined(separator: ", "))"
            report(fields.line(name, or: 2), "unknown field `\(name)` in \(place)", fix: fix)
        }
    }

    private mutating func readID(_ fields: YAMLFields, _ rootLine: Int) -> String? {
        guard let id = requiredText("id", fields, rootLine, example: "id: pubsub-first-subscriber") else { return nil }
        let isKebab = !id.isEmpty && id.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
            && !id.hasPrefix("-") && !id.hasSuffix("-") && !id.contains("--")
        guard isKebab else {
            report(fields.line("id", or: rootLine), "the id `\(id)` is not kebab-case",
                   fix: "use lowercase letters, digits and single hyphens, e.g. `\(Self.kebab(id))`")
            return nil
        }
        return id
    }

    private mutating func readLesson(_ fields: YAMLFields, _ rootLine: Int) -> LessonReference? {
        guard let name = requiredText("lesson", fields, rootLine, example: "lesson: \(folderLesson.slug)") else { return nil }
        guard let lesson = resolveLesson(name) else {
            report(fields.line("lesson", or: rootLine), "no lesson `\(name)` in the course",
                   fix: "name the lesson by its slug or number; this file's folder is `\(folderLesson.slug)`")
            return nil
        }
        guard lesson.slug == folderLesson.slug else {
            report(fields.line("lesson", or: rootLine), "`lesson: \(name)` is lesson `\(lesson.slug)`, but the file is in the folder of `\(folderLesson.slug)`",
                   fix: "move the file to `\(lesson.slug)/`, or write `lesson: \(folderLesson.slug)`")
            return nil
        }
        return lesson
    }

    private mutating func readAnswer(_ fields: YAMLFields) -> Exercise.Answer? {
        guard let node = fields["answer"], !node.isYAMLNull else { return .redis }
        guard let text = node.scalar?.string, let answer = Exercise.Answer(rawValue: text) else {
            report(fields.line("answer", or: 2), "`answer` must be `redis` or `lua`", fix: "write `answer: redis` (commands) or `answer: lua` (a script)")
            return nil
        }
        return answer
    }

    private mutating func readHints(_ fields: YAMLFields, _ rootLine: Int) -> [String]? {
        guard fields["hints"] != nil else {
            report(rootLine, "the front matter has no `hints`", fix: "add `hints:` with at least one line: a nudge, then the command family, then the answer")
            return nil
        }
        guard let hints = optionalTextList("hints", fields, example: "hints:\n  - a nudge"), !hints.isEmpty else {
            if problems.last?.line != fields.line("hints", or: rootLine) {
                report(fields.line("hints", or: rootLine), "`hints` is empty", fix: "give at least one hint, a nudge first")
            }
            return nil
        }
        return hints
    }

    /// A required non-empty text field.
    mutating func requiredText(_ name: String, _ fields: YAMLFields, _ rootLine: Int, example: String, multiline: Bool = false) -> String? {
        guard let node = fields[name], !node.isYAMLNull else {
            report(rootLine, "the front matter has no `\(name)`", fix: "add a line like `\(example)`")
            return nil
        }
        guard let text = node.scalar?.string, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            report(fields.line(name, or: rootLine), "`\(name)` must be a non-empty text", fix: "write it like `\(example)`")
            return nil
        }
        return multiline ? text : text.trimmingCharacters(in: .whitespaces)
    }

    mutating func optionalText(_ name: String, _ fields: YAMLFields, example: String) -> String? {
        guard let node = fields[name], !node.isYAMLNull else { return nil }
        guard let text = node.scalar?.string else {
            report(fields.line(name, or: 2), "`\(name)` must be a text", fix: "write it like `\(example)`")
            return nil
        }
        return text
    }

    /// A required whole number ≥ 0.
    mutating func requiredCount(_ name: String, _ fields: YAMLFields, _ rootLine: Int, example: String) -> Int? {
        guard let node = fields[name], !node.isYAMLNull else {
            report(rootLine, "the front matter has no `\(name)`", fix: "add a line like `\(example)`")
            return nil
        }
        return count(node, name: "`\(name)`", example: example)
    }

    /// A whole number ≥ 0 from a plain scalar.
    mutating func count(_ node: Node, name: String, example: String) -> Int? {
        guard node.isPlainScalar, let text = node.scalar?.string, let value = Int(text), value >= 0 else {
            report(line(of: node), "\(name) must be a whole number, 0 or more", fix: "write it like `\(example)`")
            return nil
        }
        return value
    }

    /// A list of texts (a single text counts as a list of one).
    mutating func optionalTextList(_ name: String, _ fields: YAMLFields, example: String) -> [String]? {
        guard let node = fields[name], !node.isYAMLNull else { return nil }
        if let text = node.scalar?.string { return [text] }
        guard let sequence = node.sequence else {
            report(fields.line(name, or: 2), "`\(name)` must be a list of texts", fix: "write it like `\(example)`")
            return nil
        }
        var texts: [String] = []
        for item in sequence {
            guard let text = item.scalar?.string, !item.isYAMLNull else {
                report(line(of: item), "an item of `\(name)` is not a text", fix: "quote it, e.g. `- \"…\"`")
                return nil
            }
            texts.append(text)
        }
        return texts
    }

    /// A kebab-case version of a text, for suggestions.
    static func kebab(_ text: String) -> String {
        let words = text.lowercased().split(whereSeparator: { !($0.isASCII && ($0.isLetter || $0.isNumber)) })
        return words.isEmpty ? "my-exercise" : words.joined(separator: "-")
    }
}
