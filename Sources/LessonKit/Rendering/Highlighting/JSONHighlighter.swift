/// Highlights JSON: keys, string values, numbers and `true`/`false`/`null`.
enum JSONHighlighter {
    static func highlight(_ text: String) -> [StyledRun] {
        let characters = Array(text)
        var runs: [StyledRun] = []
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "\"" {
                var end = index + 1
                while end < characters.count, characters[end] != "\"", characters[end] != "\n" {
                    end += characters[end] == "\\" ? 2 : 1
                }
                end = min(end + 1, characters.count)
                var next = end
                while next < characters.count, characters[next] == " " || characters[next] == "\t" { next += 1 }
                let isKey = next < characters.count && characters[next] == ":"
                let role: SyntaxHighlighter.Role = isKey ? .key : .string
                runs.append(StyledRun(String(characters[index..<end]), role.style))
                index = end
            } else if character == "-" || character.isNumber {
                var end = index + 1
                while end < characters.count, characters[end].isNumber || "+-.eE".contains(characters[end]) { end += 1 }
                runs.append(StyledRun(String(characters[index..<end]), SyntaxHighlighter.Role.number.style))
                index = end
            } else if character.isLetter {
                var end = index + 1
                while end < characters.count, characters[end].isLetter { end += 1 }
                let word = String(characters[index..<end])
                let role: SyntaxHighlighter.Role = ["true", "false", "null"].contains(word) ? .literal : .plain
                runs.append(StyledRun(word, role.style))
                index = end
            } else {
                TextWrapper.append(StyledRun(String(character)), to: &runs)
                index += 1
            }
        }
        return runs
    }
}
