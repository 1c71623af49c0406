import Foundation
import RESP

/// Reads differential case files (the format HELPERS.md describes) into cases.
public enum DifferentialCaseFile {
    /// A problem in a case file, naming the file, the line and what to do.
    public struct FormatError: Error, CustomStringConvertible, Sendable {
        public let file: String
        public let line: Int
        public let problem: String
        public var description: String { "\(file):\(line): \(problem)" }
    }

    /// The cases of every `*.cases` file in `directory`, files in name order.
    public static func load(directory: String) throws -> [DifferentialCase] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory)
            .filter { $0.hasSuffix(".cases") }.sorted()
        var cases: [DifferentialCase] = []
        for name in names {
            let text = try String(contentsOfFile: directory + "/" + name, encoding: .utf8)
            cases += try parse(text, file: name)
        }
        return cases
    }

    /// The cases in `text`, read from a file called `file`.
    public static func parse(_ text: String, file: String) throws(FormatError) -> [DifferentialCase] {
        var cases: [DifferentialCase] = []
        var current: (name: String, line: Int, steps: [DifferentialStep])?
        var names: [String: Int] = [:]
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = offset + 1
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("===") {
                if let done = current { cases.append(DifferentialCase(name: done.name, file: file, line: done.line, steps: done.steps)) }
                let name = line.dropFirst(3).trimmingCharacters(in: .whitespaces)
                guard !name.isEmpty else {
                    throw FormatError(file: file, line: number, problem: "a case needs a name after `=== `")
                }
                if let first = names[name] {
                    throw FormatError(file: file, line: number, problem: "the case name `\(name)` is already used on line \(first); give each case its own name")
                }
                names[name] = number
                current = (name, number, [])
                continue
            }
            guard current != nil else {
                throw FormatError(file: file, line: number, problem: "a command before the first `=== name` line; start a case first")
            }
            current!.steps.append(try parseStep(line, number: number, file: file))
        }
        if let done = current { cases.append(DifferentialCase(name: done.name, file: file, line: done.line, steps: done.steps)) }
        return cases
    }

    static func parseStep(_ line: String, number: Int, file: String) throws(FormatError) -> DifferentialStep {
        var rest = Substring(line)
        var comparison = DifferentialComparison.exact
        while true {
            if rest.hasPrefix("~ ") { comparison.shapeOnly = true; rest = rest.dropFirst(2) }
            else if rest.hasPrefix("% ") { comparison.unordered = true; rest = rest.dropFirst(2) }
            else { break }
            rest = rest.drop { $0 == " " }
        }
        var client = "a"
        if rest.hasPrefix("@") {
            let token = rest.prefix { $0 != " " && $0 != "\t" }
            client = String(token.dropFirst())
            guard !client.isEmpty else {
                throw FormatError(file: file, line: number, problem: "`@` must be followed by a client name, as in `@b GET k`")
            }
            rest = rest.dropFirst(token.count).drop { $0 == " " || $0 == "\t" }
        }
        guard let words = RESPArgumentSplitter.split(rest.utf8), let first = words.first else {
            throw FormatError(file: file, line: number, problem: "unbalanced quotes or an empty command; quote as redis-cli does (\"a b\", 'x')")
        }
        let keyword = String(decoding: first, as: UTF8.self).uppercased()
        let action: DifferentialStep.Action
        switch keyword {
        case "SEND":
            guard words.count > 1 else { throw FormatError(file: file, line: number, problem: "SEND needs a command to send") }
            action = .send(Array(words.dropFirst()))
        case "RECV":
            guard words.count == 1 else { throw FormatError(file: file, line: number, problem: "RECV takes no arguments") }
            action = .receive
        case "CLOSE":
            guard words.count == 1 else { throw FormatError(file: file, line: number, problem: "CLOSE takes no arguments") }
            action = .close
        case "SLEEP":
            guard words.count == 2, let ms = Int64(String(decoding: words[1], as: UTF8.self)), ms >= 0 else {
                throw FormatError(file: file, line: number, problem: "SLEEP needs one whole number of milliseconds, as in `SLEEP 1100`")
            }
            action = .sleep(ms)
        default:
            action = .command(words)
        }
        return DifferentialStep(line: number, text: line, client: client, action: action, comparison: comparison)
    }
}
