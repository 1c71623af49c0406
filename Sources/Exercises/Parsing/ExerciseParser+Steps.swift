import Foundation
import RESP
import Yams

extension ExerciseParser {
    /// A list of steps (a single step counts as a list of one).
    mutating func readSteps(_ node: Node, field: String, allowScript: Bool) -> [ExerciseStep] {
        if node.isYAMLNull { return [] }
        guard let items = node.sequence.map(Array.init) ?? (node.scalar != nil ? [node] : nil) else {
            report(line(of: node), "`\(field)` must be a list of steps",
                   fix: "write one step per line: `- SET k v`, `- advance: 5s`, `- close` or `- sleep: 50ms`")
            return []
        }
        return items.compactMap { readStep($0, field: field, allowScript: allowScript) }
    }

    /// One step: a command line, `close`, or a one-key mapping `advance:` / `sleep:`.
    mutating func readStep(_ node: Node, field: String, allowScript: Bool) -> ExerciseStep? {
        let stepLine = line(of: node)
        if let text = node.scalar?.string {
            if text.trimmingCharacters(in: .whitespaces).lowercased() == "close", node.isPlainScalar {
                return ExerciseStep(.close, line: stepLine)
            }
            return commandStep(text, line: stepLine, field: field, allowScript: allowScript)
        }
        if let mapping = node.mapping, mapping.count == 1, let (key, value) = mapping.first, let name = key.scalar?.string {
            switch name {
            case "advance", "sleep":
                guard let text = value.scalar?.string, let milliseconds = Self.milliseconds(text) else {
                    report(stepLine, "`\(name):` needs a duration like `5s`", fix: "write a whole number with ms, s, m or h, e.g. `\(name): 500ms`")
                    return nil
                }
                return ExerciseStep(name == "advance" ? .advance(milliseconds: milliseconds) : .sleep(milliseconds: milliseconds), line: stepLine)
            default:
                // An unquoted command holding `: ` reads as a mapping; the line itself is the command.
                let keyLine = line(of: key)
                let raw = text(ofLine: keyLine).trimmingCharacters(in: .whitespaces)
                if raw.hasPrefix("- "), line(of: value) == keyLine {
                    return commandStep(String(raw.dropFirst(2)), line: keyLine, field: field, allowScript: allowScript)
                }
            }
        }
        report(stepLine, "a step of `\(field)` is neither a command nor `advance:`, `close` or `sleep:`",
               fix: "write one step per line: `- SET k v`, `- advance: 5s`, `- close` or `- sleep: 50ms` (quote a command that holds `: `)")
        return nil
    }

    /// A command step from its text, split as redis-cli splits a line.
    private mutating func commandStep(_ text: String, line: Int, field: String, allowScript: Bool) -> ExerciseStep? {
        guard let arguments = RESPArgumentSplitter.split(text) else {
            report(line, "the command `\(text)` has unbalanced quotes", fix: "close every quote; a closing quote must be followed by a space or the end")
            return nil
        }
        guard !arguments.isEmpty else {
            report(line, "an empty step in `\(field)`", fix: "write a command, or delete the line")
            return nil
        }
        let strings = arguments.map { String(decoding: $0, as: UTF8.self) }
        if !allowScript, let placeholder = strings.first(where: { $0 == "$SCRIPT" || $0 == "$SHA" }) {
            report(line, "`\(placeholder)` in an exercise whose answer is not `lua`",
                   fix: "add `answer: lua`, or write the script into the step")
            return nil
        }
        return ExerciseStep(.command(strings), line: line)
    }

    /// `500ms`, `5s`, `2m`, `1h` in milliseconds; nil for anything else.
    static func milliseconds(_ text: String) -> Int64? {
        let text = text.trimmingCharacters(in: .whitespaces)
        let units: [(String, Int64)] = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000)]
        for (suffix, factor) in units where text.hasSuffix(suffix) {
            let digits = text.dropLast(suffix.count)
            guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber),
                  let value = Int64(digits), value <= 86_400_000 else { return nil }
            return value * factor
        }
        return nil
    }

    /// The `peers` list: each a name, `when` and steps; names unique and not reserved.
    mutating func readPeers(_ fields: YAMLFields, answer: Exercise.Answer?) -> [ExercisePeer] {
        guard let node = fields["peers"], !node.isYAMLNull else { return [] }
        guard let sequence = node.sequence else {
            report(fields.line("peers", or: 2), "`peers` must be a list", fix: "write each peer as `- name: …` with `when:` and `steps:` under it")
            return []
        }
        var peers: [ExercisePeer] = []
        var seen: [String: Int] = [:]
        for item in sequence {
            guard let mapping = item.mapping else {
                report(line(of: item), "a peer must be a mapping", fix: "write `- name: listener`, then `steps:` under it")
                continue
            }
            let peerFields = YAMLFields(mapping, line: line(of:))
            reportOddKeys(peerFields, known: ["name", "when", "steps"], in: "a peer")
            let peerLine = line(of: item)
            guard let name = peerFields["name"]?.scalar?.string, !name.isEmpty, !(peerFields["name"]?.isYAMLNull ?? true) else {
                report(peerLine, "a peer without a `name`", fix: "add `name: listener` (any name but `learner` or `checker`)")
                continue
            }
            let nameLine = peerFields.line("name", or: peerLine)
            if ExercisePeer.reservedNames.contains(name) {
                report(nameLine, "the peer name `\(name)` is reserved for the runner's own client", fix: "choose another name, e.g. `\(name == "learner" ? "student" : "inspector")`")
                continue
            }
            if let first = seen[name] {
                report(nameLine, "the peer name `\(name)` is used twice (first on line \(first))", fix: "give each peer its own name")
                continue
            }
            seen[name] = nameLine
            var when = ExercisePeer.When.start
            if let whenNode = peerFields["when"], !whenNode.isYAMLNull {
                guard let text = whenNode.scalar?.string, let value = ExercisePeer.When(rawValue: text) else {
                    report(peerFields.line("when", or: peerLine), "`when` must be `start` or `check`",
                           fix: "write `when: start` (before the learner) or `when: check` (each time the exercise is checked)")
                    continue
                }
                when = value
            }
            guard let stepsNode = peerFields["steps"], !stepsNode.isYAMLNull else {
                report(nameLine, "the peer `\(name)` has no `steps`", fix: "add `steps:` with the commands it runs, e.g. `- SUBSCRIBE news`")
                continue
            }
            let steps = readSteps(stepsNode, field: "steps", allowScript: answer == .lua)
            peers.append(ExercisePeer(name: name, when: when, steps: steps, line: nameLine))
        }
        return peers
    }
}

extension ExerciseParser {
    /// True when some step passes `$SCRIPT` or `$SHA`, so the learner's script is called.
    func callsScript(checks: [ExerciseCheck], peers: [ExercisePeer], setup: [ExerciseStep]) -> Bool {
        var steps = setup + peers.flatMap(\.steps)
        for check in checks { if case .run(let run, _) = check.kind { steps += run } }
        return steps.contains { step in
            if case .command(let arguments) = step.action { return arguments.contains("$SCRIPT") || arguments.contains("$SHA") }
            return false
        }
    }
}
