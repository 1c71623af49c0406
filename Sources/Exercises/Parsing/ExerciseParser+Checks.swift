import Foundation
import Yams

extension ExerciseParser {
    static let checkFields = ["name", "points", "message", "hidden", "run", "expect", "client", "received", "count", "replied", "command", "requires"]

    /// The `checks` list; nil when it is missing or empty.
    mutating func readChecks(_ fields: YAMLFields, _ rootLine: Int, peers: [ExercisePeer], answer: Exercise.Answer?) -> [ExerciseCheck]? {
        guard let node = fields["checks"], !node.isYAMLNull else {
            report(rootLine, "the front matter has no `checks`", fix: "add `checks:` with at least one check (name, points, message, and run+expect, client+received or client+replied)")
            return nil
        }
        guard let sequence = node.sequence, !sequence.isEmpty else {
            report(fields.line("checks", or: rootLine), "`checks` must be a list of at least one check",
                   fix: "write each check as `- name: …` with `points:`, `message:` and one kind")
            return nil
        }
        var checks: [ExerciseCheck] = []
        var names: [String: Int] = [:]
        var broken = false
        // `requires` may name any check above, even one that has a problem of its own.
        let written = sequence.map { $0.mapping.flatMap { YAMLFields($0, line: line(of:))["name"]?.scalar?.string } }
        for (index, item) in sequence.enumerated() {
            let earlier = Set(written[..<index].compactMap { $0?.trimmingCharacters(in: .whitespaces) })
            guard let check = readCheck(item, peers: peers, answer: answer, earlier: earlier) else {
                broken = true
                continue
            }
            if let first = names[check.name] {
                report(check.line, "the check name `\(check.name)` is used twice (first on line \(first))", fix: "give each check its own name")
                broken = true
                continue
            }
            names[check.name] = check.line
            checks.append(check)
        }
        return broken ? nil : checks
    }

    private mutating func readCheck(_ node: Node, peers: [ExercisePeer], answer: Exercise.Answer?, earlier: Set<String>) -> ExerciseCheck? {
        let checkLine = line(of: node)
        guard let mapping = node.mapping else {
            report(checkLine, "a check must be a mapping", fix: "write `- name: …` with `points:`, `message:` and one kind under it")
            return nil
        }
        let fields = YAMLFields(mapping, line: line(of:))
        let before = problems.count
        reportOddKeys(fields, known: Self.checkFields, in: "a check")
        let name = fields["name"].flatMap { $0.isYAMLNull ? nil : $0.scalar?.string }.map { $0.trimmingCharacters(in: .whitespaces) }
        if name?.isEmpty ?? true {
            report(checkLine, "a check without a `name`", fix: "add `name: …` saying what it checks, e.g. `name: the counter is 3`")
        }
        let label = "the check `\(name ?? "?")`"
        let nameLine = fields.line("name", or: checkLine)
        var points: Int?
        if let node = fields["points"], !node.isYAMLNull {
            points = count(node, name: "the points of \(label)", example: "points: 5")
        } else {
            report(nameLine, "\(label) has no `points`", fix: "add `points: 5` (0 or more)")
        }
        let message = fields["message"].flatMap { $0.isYAMLNull ? nil : $0.scalar?.string }
        if message?.trimmingCharacters(in: .whitespaces).isEmpty ?? true {
            report(nameLine, "\(label) has no `message`", fix: "add `message: \"…\"` telling the learner what is wrong (never the answer)")
        }
        var hidden = false
        if let node = fields["hidden"], !node.isYAMLNull {
            switch node.scalar?.string.lowercased() {
            case "true": hidden = true
            case "false": hidden = false
            default: report(fields.line("hidden", or: nameLine), "`hidden` must be true or false", fix: "write `hidden: true` or `hidden: false`")
            }
        }
        let kind = readKind(fields, label: label, line: nameLine, peers: peers, answer: answer)
        let command = readCommandPattern(fields, label: label, isReplied: fields["replied"] != nil)
        let requires = readRequirements(fields, label: label, earlier: earlier)
        guard problems.count == before, let name, let points, let message, let kind, let command, let requires else { return nil }
        return ExerciseCheck(name: name, points: points, message: message, hidden: hidden, kind: kind, line: nameLine, command: command, requires: requires)
    }

    /// Exactly one of run+expect, client+received (+count), client+replied.
    private mutating func readKind(_ fields: YAMLFields, label: String, line checkLine: Int, peers: [ExercisePeer], answer: Exercise.Answer?) -> ExerciseCheck.Kind? {
        let kinds = ["run", "received", "replied"].filter { fields[$0] != nil }
        guard kinds.count == 1, let kind = kinds.first else {
            let what = kinds.isEmpty ? "\(label) has no kind" : "\(label) has two kinds (\(kinds.map { "`\($0)`" }.joined(separator: " and ")))"
            report(checkLine, what, fix: "give it exactly one of `run` + `expect`, `client` + `received`, or `client` + `replied`")
            return nil
        }
        if kind == "run" {
            for extra in ["client", "count"] where fields[extra] != nil {
                report(fields.line(extra, or: checkLine), "`\(extra)` does not go with `run`", fix: "remove it: `run` always uses a fresh checker client")
            }
            guard let expectNode = fields["expect"] else {
                report(checkLine, "\(label) has `run` but no `expect`", fix: "add `expect:` with the reply the last command must give")
                return nil
            }
            let before = problems.count
            let steps = readSteps(fields["run"]!, field: "run", allowScript: answer == .lua)
            guard problems.count == before else { return nil }
            guard steps.contains(where: { if case .command = $0.action { return true } else { return false } }) else {
                report(fields.line("run", or: checkLine), "the `run` of \(label) has no command", fix: "give it at least one command whose reply `expect` judges")
                return nil
            }
            guard let expectation = readExpectation(expectNode) else { return nil }
            return .run(steps: steps, expect: expectation)
        }
        if fields["expect"] != nil {
            report(fields.line("expect", or: checkLine), "`expect` goes with `run`, not with `\(kind)`", fix: "remove `expect`; write the expectation under `\(kind)`")
            return nil
        }
        guard let client = fields["client"].flatMap({ $0.scalar?.string }), !client.isEmpty else {
            report(checkLine, "\(label) uses `\(kind)` but names no `client`", fix: "add `client:` with a peer's name, or `learner`")
            return nil
        }
        guard client == "learner" || peers.contains(where: { $0.name == client }) else {
            let names = (["learner"] + peers.map(\.name)).joined(separator: ", ")
            report(fields.line("client", or: checkLine), "no client `\(client)` in this exercise", fix: "name one of: \(names)")
            return nil
        }
        if kind == "replied" {
            if fields["count"] != nil {
                report(fields.line("count", or: checkLine), "`count` goes with `received`, not `replied`", fix: "remove it")
                return nil
            }
            guard let expectation = readExpectation(fields["replied"]!) else { return nil }
            return .replied(client: client, expect: expectation)
        }
        var count: Int?
        if let node = fields["count"], !node.isYAMLNull {
            guard let value = self.count(node, name: "`count`", example: "count: 2") else { return nil }
            count = value
        }
        let receivedNode = fields["received"]!
        guard let items = receivedNode.sequence else {
            report(line(of: receivedNode), "`received` must be a list of messages", fix: "write each as `- [message, channel, payload]`, or `received: []` with `count: 0`")
            return nil
        }
        var messages: [Expectation] = []
        for item in items {
            guard item.sequence != nil || item.mapping != nil else {
                report(line(of: item), "a message under `received` is a single value",
                       fix: "write the whole push as a list: `[message, channel, payload]` (or `[pmessage, pattern, channel, payload]`)")
                return nil
            }
            guard let expectation = readExpectation(item) else { return nil }
            messages.append(expectation)
        }
        if let count, count < messages.count {
            report(fields.line("count", or: checkLine), "`count: \(count)` is fewer than the \(messages.count) messages listed", fix: "make `count` at least \(messages.count), or list fewer messages")
            return nil
        }
        return .received(client: client, messages: messages, count: count)
    }
}
