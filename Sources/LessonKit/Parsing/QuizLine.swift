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
        // The checks run on the string's own bytes because every line of every quiz passes here.
        var raw = raw
        return raw.withUTF8 { classify(bytes: $0[...]) }
    }

    private static func classify(bytes line: Slice<UnsafeBufferPointer<UInt8>>) -> QuizLine {
        // Most lines are prose: only `#`, `*` and `-` can start anything else.
        var bytes = line.drop { $0 == 0x20 || $0 == 0x09 }
        guard let first = bytes.first, first == UInt8(ascii: "#") || first == UInt8(ascii: "*") || first == UInt8(ascii: "-") else {
            return .text
        }
        if bytes.starts(with: "###".utf8) {
            let title = bytes.drop { $0 == UInt8(ascii: "#") }.drop { $0 == 0x20 || $0 == 0x09 }
            guard title.count > 8, title.prefix(8).map({ $0 | 0x20 }).elementsEqual("question".utf8) else { return .otherHeading }
            let digits = title.dropFirst(8).drop { $0 == 0x20 }.prefix { $0 >= 0x30 && $0 <= 0x39 }
            let rest = title.dropFirst(8).drop { $0 == 0x20 }.dropFirst(digits.count)
            guard !digits.isEmpty, title[title.index(title.startIndex, offsetBy: 8)] == 0x20,
                  let number = Int(String(decoding: digits, as: UTF8.self)),
                  rest.first.map({ $0 == 0x20 || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: ")") || $0 == 0x0D }) ?? true
            else { return .otherHeading }
            return .question(number: number)
        }
        if bytes.starts(with: "- ".utf8) || bytes.starts(with: "* ".utf8) { bytes = bytes.dropFirst(2).drop { $0 == 0x20 } }
        guard bytes.starts(with: "**".utf8) else { return .text }
        let afterStars = bytes.dropFirst(2)
        if let letter = afterStars.first, (letter | 0x20) >= UInt8(ascii: "a"), (letter | 0x20) <= UInt8(ascii: "z"),
           afterStars.dropFirst().starts(with: ")**".utf8) {
            let text = String(decoding: afterStars.dropFirst(4), as: UTF8.self).trimmingWhitespace()
            return .option(letter: Character(UnicodeScalar(letter & ~0x20)), text: text)
        }
        guard afterStars.count >= 6, afterStars.prefix(6).map({ $0 | 0x20 }).elementsEqual("answer".utf8) else { return .text }
        return classifyAnswer(Substring(String(decoding: afterStars.dropFirst(6), as: UTF8.self)))
    }

    /// Parses what follows `**Answer`.
    private static func classifyAnswer(_ rest: Substring) -> QuizLine {
        let rest = rest.drop(while: { $0 == " " })
        if rest.prefix(12).lowercased() == "(command):**" {
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
            guard let close = body.firstRange(of: "**") else { return .malformedAnswer }
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
        guard let close = inner.firstRange(of: ticks) else { return nil }
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
