/// Colours code by language: `redis`, `python`, `lua`, `json`, and a few others by a shared scanner.
public enum SyntaxHighlighter {
    /// The colour of each kind of token.
    enum Role {
        case command, argument, option, keyword, builtin, string, number, comment, key, literal, decorator, plain

        var style: TextStyle {
            switch self {
            case .command: return TextStyle(color: .yellow, bold: true)
            case .argument: return TextStyle(color: .cyan)
            case .option: return TextStyle(color: .magenta)
            case .keyword: return TextStyle(color: .magenta, bold: true)
            case .builtin: return TextStyle(color: .cyan)
            case .string: return TextStyle(color: .green)
            case .number: return TextStyle(color: .yellow)
            case .comment: return TextStyle(color: .gray, italic: true)
            case .key: return TextStyle(color: .blue, bold: true)
            case .literal: return TextStyle(color: .magenta)
            case .decorator: return TextStyle(color: .yellow)
            case .plain: return .plain
            }
        }
    }

    /// The languages with a highlighter (aliases such as `py`, `sh`, `js` included).
    public static let languages: Set<String> = ["redis", "json", "python", "py", "lua", "javascript", "js", "typescript", "ts", "bash", "sh", "shell", "swift"]

    /// `code` split into lines of styled runs for `language` (unknown languages stay plain).
    static func highlight(_ code: String, language: String?) -> [StyledLine] {
        var text = code
        if text.hasSuffix("\n") { text.removeLast() }
        let runs: [StyledRun]
        switch language?.lowercased() {
        case "redis": runs = RedisHighlighter.highlight(text)
        case "json": runs = JSONHighlighter.highlight(text)
        case let name?:
            if let syntax = LanguageSyntax.named(name) { runs = SourceScanner(syntax: syntax).highlight(text) } else { runs = [StyledRun(text)] }
        case nil: runs = [StyledRun(text)]
        }
        return splitLines(runs)
    }

    /// Splits runs at newlines into lines.
    static func splitLines(_ runs: [StyledRun]) -> [StyledLine] {
        var lines: [StyledLine] = [[]]
        for run in runs {
            let parts = run.text.split(separator: "\n", omittingEmptySubsequences: false)
            for (index, part) in parts.enumerated() {
                if index > 0 { lines.append([]) }
                if !part.isEmpty { TextWrapper.append(StyledRun(String(part), run.style), to: &lines[lines.count - 1]) }
            }
        }
        return lines
    }
}
