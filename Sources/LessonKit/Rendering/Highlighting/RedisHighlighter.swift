/// Highlights redis-cli command lines: the command, its keys and arguments, option words,
/// quoted strings, numbers, and `#` comment lines.
enum RedisHighlighter {
    /// Commands whose second word is a subcommand (`CONFIG GET`, `XGROUP CREATE`).
    static let containers: Set<String> = [
        "ACL", "CLIENT", "CLUSTER", "COMMAND", "CONFIG", "DEBUG", "FUNCTION", "LATENCY", "MEMORY", "MODULE",
        "OBJECT", "PUBSUB", "SCRIPT", "SLOWLOG", "XGROUP", "XINFO",
    ]

    static func highlight(_ text: String) -> [StyledRun] {
        var runs: [StyledRun] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if index > 0 { runs.append(StyledRun("\n")) }
            runs += highlightLine(Substring(line))
        }
        return runs
    }

    private static func highlightLine(_ line: Substring) -> [StyledRun] {
        if line.trimmingWhitespace().hasPrefix("#") { return [StyledRun(String(line), SyntaxHighlighter.Role.comment.style)] }
        var runs: [StyledRun] = []
        var position = line.startIndex
        var wordIndex = 0
        var firstWord = ""
        while position < line.endIndex {
            let character = line[position]
            if character == " " || character == "\t" {
                let end = line[position...].firstIndex(where: { $0 != " " && $0 != "\t" }) ?? line.endIndex
                runs.append(StyledRun(String(line[position..<end])))
                position = end
                continue
            }
            let end = tokenEnd(line, from: position)
            let token = String(line[position..<end])
            let role: SyntaxHighlighter.Role
            if character == "\"" || character == "'" {
                role = .string
            } else if wordIndex == 0 || (wordIndex == 1 && containers.contains(firstWord)) {
                role = .command
            } else if Double(token) != nil || token == "+inf" || token == "-inf" {
                role = .number
            } else if token.count >= 2, token.allSatisfy({ $0.isUppercase && $0.isASCII || $0 == "-" }) {
                role = .option
            } else {
                role = .argument
            }
            if wordIndex == 0 { firstWord = token.uppercased() }
            runs.append(StyledRun(token, role.style))
            wordIndex += 1
            position = end
        }
        return runs
    }

    /// The end of the token at `start`: a quoted string with its escapes, or a bare word.
    private static func tokenEnd(_ line: Substring, from start: Substring.Index) -> Substring.Index {
        let quote = line[start]
        guard quote == "\"" || quote == "'" else {
            return line[start...].firstIndex(where: { $0 == " " || $0 == "\t" }) ?? line.endIndex
        }
        var position = line.index(after: start)
        while position < line.endIndex {
            if line[position] == "\\" {
                position = line.index(after: position)
                if position < line.endIndex { position = line.index(after: position) }
                continue
            }
            if line[position] == quote { return line.index(after: position) }
            position = line.index(after: position)
        }
        return line.endIndex
    }
}
