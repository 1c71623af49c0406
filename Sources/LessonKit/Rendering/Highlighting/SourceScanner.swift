/// Splits source code into comments, strings, numbers, keywords and the rest, for colouring.
struct SourceScanner {
    let syntax: LanguageSyntax

    func highlight(_ text: String) -> [StyledRun] {
        let characters = Array(text)
        var runs: [StyledRun] = []
        var index = 0
        func emit(_ end: Int, _ role: SyntaxHighlighter.Role) {
            TextWrapper.append(StyledRun(String(characters[index..<end]), role.style), to: &runs)
            index = end
        }
        func matches(_ token: String, at position: Int) -> Bool {
            var offset = position
            for character in token {
                guard offset < characters.count, characters[offset] == character else { return false }
                offset += 1
            }
            return true
        }
        func find(_ token: String, from position: Int) -> Int? {
            var position = position
            while position < characters.count {
                if matches(token, at: position) { return position }
                position += 1
            }
            return nil
        }
        func endOfLine(from position: Int) -> Int { characters[position...].firstIndex(of: "\n") ?? characters.count }

        while index < characters.count {
            let character = characters[index]
            if syntax.longBrackets, let level = longBracketLevel(characters, at: index + (matches("--", at: index) ? 2 : 0)) {
                let isComment = matches("--", at: index)
                let close = "]" + String(repeating: "=", count: level) + "]"
                let start = index + (isComment ? 2 : 0) + level + 2
                let end = find(close, from: start).map { $0 + close.count } ?? characters.count
                emit(end, isComment ? .comment : .string)
            } else if let block = syntax.blockComment, matches(block.open, at: index) {
                let end = find(block.close, from: index + block.open.count).map { $0 + block.close.count } ?? characters.count
                emit(end, .comment)
            } else if syntax.lineComments.contains(where: { matches($0, at: index) }) {
                emit(endOfLine(from: index), .comment)
            } else if let quote = syntax.quotes.first(where: { matches($0, at: index) }) {
                emit(stringEnd(characters, from: index + quote.count, quote: quote), .string)
            } else if character.isNumber {
                var end = index + 1
                while end < characters.count, characters[end].isNumber || characters[end].isLetter || characters[end] == "." || characters[end] == "_" { end += 1 }
                emit(end, .number)
            } else if character.isLetter || character == "_" || (syntax.decorators && character == "@") {
                var end = index + 1
                while end < characters.count, characters[end].isLetter || characters[end].isNumber || characters[end] == "_" || (character == "@" && characters[end] == ".") { end += 1 }
                let word = String(characters[index..<end])
                let role: SyntaxHighlighter.Role
                if character == "@" { role = .decorator }
                else if syntax.keywords.contains(word) { role = .keyword }
                else if syntax.literals.contains(word) { role = .literal }
                else if syntax.builtins.contains(word) { role = .builtin }
                else { role = .plain }
                emit(end, role)
            } else {
                emit(index + 1, .plain)
            }
        }
        return runs
    }

    /// The end of a string whose content starts at `position`; one-character quotes stop at a newline.
    private func stringEnd(_ characters: [Character], from position: Int, quote: String) -> Int {
        let quoteCharacters = Array(quote)
        var position = position
        while position < characters.count {
            if characters[position] == "\\" { position += 2; continue }
            if quoteCharacters.count == 1 && characters[position] == "\n" { return position }
            if characters[position...].starts(with: quoteCharacters) { return position + quoteCharacters.count }
            position += 1
        }
        return characters.count
    }

    /// For `[[` or `[==[` at `position`, the number of `=` signs.
    private func longBracketLevel(_ characters: [Character], at position: Int) -> Int? {
        guard position < characters.count, characters[position] == "[" else { return nil }
        var level = 0
        var offset = position + 1
        while offset < characters.count, characters[offset] == "=" { level += 1; offset += 1 }
        return offset < characters.count && characters[offset] == "[" ? level : nil
    }
}
