/// What one line of a quiz section is, by the quiz format's rules.
enum QuizLine: Equatable {
    /// `### Question N` (trailing text after the number is allowed).
    case question(number: Int)
    /// Another heading of level 3 or deeper.
    case otherHeading
    /// `**A)** text` (a leading `- ` or `* ` is allowed).
    case option(letter: Character, text: String)
    /// `**Answer: B** - explanation` or `**Answer: A, C** - …`.
    case choices(letters: [Character], explanation: String)
    /// ``**Answer (command):** `CMD` - explanation``.
    case command(String, explanation: String)
    /// A line starting with `**Answer` that fits neither form.
    case malformedAnswer
    /// Anything else.
    case text

    static func classify(_ raw: String) -> QuizLine {
        var line = Substring(raw.trimmingWhitespace())
        if line.hasPrefix("###") {
            let title = line.drop(while: { $0 == "#" }).trimmingWhitespace()
            let words = title.split(separator: " ", maxSplits: 2)
            if words.count >= 2, words[0].lowercased() == "question",
               let number = Int(words[1].trimmingCharacters(in: ":.)")) {
                return .question(number: number)
            }
            return .otherHeading
        }
        if line.hasPrefix("- ") || line.hasPrefix("* ") { line = line.dropFirst(2).drop(while: { $0 == " " }) }
        guard line.hasPrefix("**") else { return .text }
        let afterStars = line.dropFirst(2)
        if let letter = afterStars.first, letter.isLetter, letter.isASCII,
           afterStars.dropFirst().hasPrefix(")**") {
            let text = afterStars.dropFirst(4).trimmingWhitespace()
            return .option(letter: Character(letter.uppercased()), text: text)
        }
        guard afterStars.lowercased().hasPrefix("answer") else { return .text }
        return classifyAnswer(afterStars.dropFirst(6))
    }

    /// Parses what follows `**Answer`.
    private static func classifyAnswer(_ rest: Substring) -> QuizLine {
        let rest = rest.drop(while: { $0 == " " })
        if rest.lowercased().hasPrefix("(command):**") {
            let afterLabel = rest.dropFirst("(command):**".count).drop(while: { $0 == " " })
            guard let (command, remainder) = codeSpan(afterLabel), !command.isEmpty else { return .malformedAnswer }
            return .command(command, explanation: explanation(remainder))
        }
        guard rest.hasPrefix(":") else { return .malformedAnswer }
        var body = rest.dropFirst()
        // Both `**Answer: B**` and `**Answer:** B` are written in the wild.
        let lettersText: Substring
        if body.hasPrefix("**") {
            body = body.dropFirst(2).drop(while: { $0 == " " })
            let end = body.firstIndex(where: { !($0.isLetter || $0 == "," || $0 == " " || $0 == "&") || $0.isLowercase }) ?? body.endIndex
            lettersText = body[..<end]
            body = body[end...]
        } else {
            guard let close = body.range(of: "**") else { return .malformedAnswer }
            lettersText = body[..<close.lowerBound]
            body = body[close.upperBound...]
        }
        let letters = lettersText.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "&" }).filter { $0.lowercased() != "and" }
        guard !letters.isEmpty, letters.allSatisfy({ $0.count == 1 && $0.first!.isLetter && $0.first!.isASCII }) else {
            return .malformedAnswer
        }
        var unique: [Character] = []
        for letter in letters.map({ Character($0.uppercased()) }) where !unique.contains(letter) { unique.append(letter) }
        return .choices(letters: unique, explanation: explanation(body))
    }

    /// A code span at the start of `text` (any number of backticks) and what follows it.
    private static func codeSpan(_ text: Substring) -> (String, Substring)? {
        let ticks = text.prefix(while: { $0 == "`" })
        guard !ticks.isEmpty else { return nil }
        let inner = text.dropFirst(ticks.count)
        guard let close = inner.range(of: String(ticks)) else { return nil }
        return (inner[..<close.lowerBound].trimmingWhitespace(), inner[close.upperBound...])
    }

    /// The explanation after an answer: drops a leading `-`, `–`, `—` or `:` separator.
    private static func explanation(_ text: Substring) -> String {
        var rest = text.drop(while: { $0 == " " })
        if let first = rest.first, "-–—:".contains(first) { rest = rest.dropFirst() }
        return rest.trimmingWhitespace()
    }
}

extension Substring {
    func trimmingCharacters(in set: String) -> Substring {
        var result = self
        while let last = result.last, set.contains(last) { result = result.dropLast() }
        return result
    }
}
