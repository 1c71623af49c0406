import Foundation
import Yams

extension ExerciseParser {
    static let wrongAnswerFields = ["name", "at_most", "answer"]

    /// The `wrong` list: anti-patterns, each with the most points it may earn (`points`: the
    /// exercise's total, to refuse an `at_most` above it).
    mutating func readWrongAnswers(_ fields: YAMLFields, _ rootLine: Int, points: Int?) -> [WrongAnswer] {
        // How many an exercise must list is `dev check`'s rule (WrongAnswerProof), not the loader's.
        guard let node = fields["wrong"], !node.isYAMLNull else { return [] }
        guard let sequence = node.sequence else {
            report(fields.line("wrong", or: rootLine), "`wrong` must be a list of wrong answers", fix: "write each as `- name: …` with `at_most:` and `answer:`")
            return []
        }
        var answers: [WrongAnswer] = []
        for item in sequence {
            if let answer = readWrongAnswer(item, points: points) { answers.append(answer) }
        }
        return answers
    }

    private mutating func readWrongAnswer(_ node: Node, points: Int?) -> WrongAnswer? {
        let itemLine = line(of: node)
        guard let mapping = node.mapping else {
            report(itemLine, "a wrong answer must be a mapping", fix: "write `- name: …` with `at_most: N` and `answer: |` under it")
            return nil
        }
        let fields = YAMLFields(mapping, line: line(of:))
        let before = problems.count
        reportOddKeys(fields, known: Self.wrongAnswerFields, in: "a wrong answer")
        let name = fields["name"].flatMap { $0.isYAMLNull ? nil : $0.scalar?.string }?.trimmingCharacters(in: .whitespaces) ?? ""
        if name.isEmpty {
            report(itemLine, "a wrong answer without a `name`", fix: "say what is wrong with it, e.g. `name: SET without NX`")
        }
        var atMost: Int?
        if let node = fields["at_most"], !node.isYAMLNull {
            atMost = count(node, name: "`at_most`", example: "at_most: 2")
            if let atMost, let points, atMost >= points {
                report(fields.line("at_most", or: itemLine), "`at_most: \(atMost)` lets the wrong answer `\(name)` earn full marks",
                       fix: "make it less than the exercise's \(points) points")
            }
        } else {
            report(fields.line("name", or: itemLine), "the wrong answer `\(name)` has no `at_most`", fix: "add `at_most: N`, the most points it may earn")
        }
        let answer = fields["answer"].flatMap { $0.isYAMLNull ? nil : $0.scalar?.string }
        if answer == nil {
            report(fields.line("name", or: itemLine), "the wrong answer `\(name)` has no `answer`",
                   fix: "add `answer: |` with the commands (or the script) that make the mistake")
        }
        guard problems.count == before, let atMost, let answer else { return nil }
        return WrongAnswer(name: name, atMost: atMost, answer: answer, line: fields.line("name", or: itemLine))
    }

    /// `requires` of a check: names of checks above it (a single name counts as a list of one).
    mutating func readRequirements(_ fields: YAMLFields, label: String, earlier: Set<String>) -> [String]? {
        guard let node = fields["requires"], !node.isYAMLNull else { return [] }
        let names: [String]
        if let text = node.scalar?.string {
            names = [text]
        } else if let items = node.sequence, items.allSatisfy({ $0.scalar != nil }) {
            names = items.compactMap { $0.scalar?.string }
        } else {
            report(fields.line("requires", or: 2), "`requires` of \(label) must be a check name or a list of them", fix: "write `requires: [the counter is 3]`")
            return nil
        }
        for name in names where !earlier.contains(name) {
            report(fields.line("requires", or: 2), "\(label) requires `\(name)`, which is not a check above it",
                   fix: earlier.isEmpty ? "move it below the check it needs" : "name a check written before this one: \(earlier.sorted().map { "`\($0)`" }.joined(separator: ", "))")
            return nil
        }
        return names
    }

    /// `command` of a `replied` check: a regular expression that compiles.
    mutating func readCommandPattern(_ fields: YAMLFields, label: String, isReplied: Bool) -> String?? {
        guard let node = fields["command"], !node.isYAMLNull else { return .some(nil) }
        guard isReplied else {
            report(fields.line("command", or: 2), "`command` goes with `replied` only", fix: "remove it, or make \(label) a `client` + `replied` check")
            return nil
        }
        guard let text = node.scalar?.string, (try? NSRegularExpression(pattern: text)) != nil else {
            report(fields.line("command", or: 2), "the `command` of \(label) is not a regular expression",
                   fix: "write one that matches the command's words joined by spaces, e.g. `command: ^PUBSUB NUMPAT$`")
            return nil
        }
        return .some(text)
    }
}
