/// A code block of a lesson, with its language and where it starts.
public struct CodeBlock: Sendable, Equatable {
    /// The first word of the fence's info string, lowercased (`redis`, `python`), or nil.
    public var language: String?
    /// The whole info string after the fence, as written.
    public var info: String
    /// The code, ending with a newline unless empty.
    public var code: String
    /// The file line of the opening fence (or of the first line of an indented block).
    public var line: Int

    /// Creates a code block.
    public init(language: String?, info: String = "", code: String, line: Int) {
        self.language = language
        self.info = info.isEmpty ? (language ?? "") : info
        self.code = code
        self.line = line
    }

    /// True for `redis` blocks, which the REPL can run.
    public var isRunnable: Bool { language == "redis" }

    /// The commands of a `redis` block: one per non-blank line that is not a `#` comment,
    /// each with its file line.
    public var commands: [RedisCommandLine] {
        var found: [RedisCommandLine] = []
        for (offset, rawLine) in code.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let text = rawLine.trimmingWhitespace()
            if text.isEmpty || text.hasPrefix("#") { continue }
            found.append(RedisCommandLine(text: text, line: line + 1 + offset))
        }
        return found
    }
}

extension String {
    /// The text without leading and trailing spaces, tabs and carriage returns.
    func trimmingWhitespace() -> String { self[...].trimmingWhitespace() }

    /// The first byte that is not a space or tab, if any.
    var firstNonSpaceByte: UInt8? { utf8.first { $0 != 0x20 && $0 != 0x09 } }
}

extension Substring {
    /// The text without leading and trailing spaces, tabs and carriage returns.
    func trimmingWhitespace() -> String {
        // Spaces, tabs and CRs are single bytes, so the UTF-8 view finds the ends fastest.
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
        guard let first = utf8.firstIndex(where: { !isSpace($0) }), let last = utf8.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first..<utf8.index(after: last)])
    }
}
