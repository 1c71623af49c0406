/// The sentences COMMAND DOCS shows, written for this project (never taken from Redis):
/// a one-line summary per command, the explanation of a complexity that is more than a bare
/// O(...) formula, and what each history entry changed. The facts around them come from
/// `RedisCommandDocs`. Each table is a text block read on first use.
enum CommandDocsProse {
    /// The summary of a command or subcommand by full lowercase name.
    static func summary(_ name: String) -> String? { summaries[name] }
    /// The complexity text of a command whose Redis docs need more than a formula.
    static func complexity(_ name: String) -> String? { complexities[name] }
    /// What each history entry changed, in the order of `RedisCommandDocs.historyVersions`.
    static func history(_ name: String) -> [String] { histories[name]?.map(\.change) ?? [] }

    static let summaries: [String: String] = rows(summaryText)
    static let complexities: [String: String] = rows(complexityText)
    /// Versions are kept so a test can hold them to the generated table.
    static let histories: [String: [(version: String, change: String)]] = {
        var result: [String: [(version: String, change: String)]] = [:]
        for (head, text) in pairs(historyText) {
            let words = head.split(separator: " ")
            guard words.count == 2 else { continue }
            result[String(words[0]), default: []].append((String(words[1]), text))
        }
        return result
    }()

    /// `name: text` rows, one per line.
    static func rows(_ text: String) -> [String: String] {
        Dictionary(pairs(text), uniquingKeysWith: { first, _ in first })
    }

    private static func pairs(_ text: String) -> [(String, String)] {
        text.split(separator: "\n").compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let text = line[line.index(after: colon)...].drop { $0 == " " }
            return (String(line[..<colon]), String(text))
        }
    }
}
