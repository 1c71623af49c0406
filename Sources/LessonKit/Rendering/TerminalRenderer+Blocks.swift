extension TerminalRenderer {
    /// The lines of `blocks` at `width`, with a blank line between blocks.
    func lines(for blocks: [MarkdownBlock], width: Int, tight: Bool = false) -> [StyledLine] {
        var output: [StyledLine] = []
        for block in blocks {
            let rendered = lines(for: block, width: width)
            if !output.isEmpty && !tight { output.append([]) }
            output += rendered
        }
        return output
    }

    func lines(for block: MarkdownBlock, width: Int) -> [StyledLine] {
        switch block.kind {
        case .heading(let level, let content):
            return headingLines(level: level, content: content, width: width)
        case .paragraph(let content):
            return paragraphLines(content, width: width)
        case .list(let list):
            return listLines(list, width: width)
        case .blockQuote(let inner):
            let bar = StyledRun("│ ", Look.frame)
            return lines(for: inner, width: width - 2).map { [bar] + $0.map { StyledRun($0.text, $0.style.adding(Look.quote)) } }
        case .code(let code):
            return codeLines(code, width: width)
        case .table(let table):
            return TableLayout(renderer: self, table: table).lines(width: width)
        case .thematicBreak:
            return [[StyledRun(String(repeating: "─", count: width), Look.frame)]]
        case .html(let html):
            return html.trimmingWhitespace().split(separator: "\n", omittingEmptySubsequences: false).map { [StyledRun(String($0), Look.note)] }
        }
    }

    private func headingLines(level: Int, content: [MarkdownInline], width: Int) -> [StyledLine] {
        let style = level == 1 ? Look.title : level == 2 ? Look.section : Look.subsection
        // Deeper headings get a marker so they stand out in plain text too.
        let runs = (level >= 3 ? [StyledRun("▸ ", style)] : []) + inlineRuns(content, style: style)
        var lines = TextWrapper.wrap(runs, width: width)
        if level <= 2 {
            let rule = level == 1 ? "═" : "─"
            let ruleWidth = min(width, lines.map(\.displayWidth).max() ?? 0)
            lines.append([StyledRun(String(repeating: rule, count: ruleWidth), style)])
        }
        return lines
    }

    /// A paragraph whose lines start with ✅ or ❌ keeps its lines and colours each one.
    private func paragraphLines(_ content: [MarkdownInline], width: Int) -> [StyledLine] {
        let sourceLines = split(content)
        if sourceLines.count > 1, sourceLines.allSatisfy({ Self.mark(of: $0) != nil }) {
            return sourceLines.flatMap { markedLines($0, width: width) }
        }
        if sourceLines.count == 1, Self.mark(of: content) != nil { return markedLines(content, width: width) }
        return TextWrapper.wrap(inlineRuns(content), width: width)
    }

    /// One ✅/❌ line: the mark, then the text in green or red, wrapped under itself.
    func markedLines(_ content: [MarkdownInline], width: Int) -> [StyledLine] {
        guard let (mark, rest) = Self.mark(of: content) else { return TextWrapper.wrap(inlineRuns(content), width: width) }
        let style = mark == "✅" ? Look.good : Look.bad
        let body = TextWrapper.wrap(inlineRuns(rest, style: style), width: width - 3)
        return body.enumerated().map { index, line in
            [StyledRun(index == 0 ? "\(mark) " : "   ")] + line
        }
    }

    /// The ✅/❌ mark a line starts with and the rest of the line.
    static func mark(of content: [MarkdownInline]) -> (Character, [MarkdownInline])? {
        guard case .text(let text)? = content.first else { return nil }
        let trimmed = text.drop(while: { $0 == " " })
        guard let first = trimmed.first, first == "✅" || first == "❌" || first == "✔️" || first == "✖️" else { return nil }
        let mark: Character = (first == "✅" || first == "✔️") ? "✅" : "❌"
        let rest = String(trimmed.dropFirst().drop(while: { $0 == " " }))
        return (mark, (rest.isEmpty ? [] : [.text(rest)]) + content.dropFirst())
    }

    /// Inlines split at source line breaks.
    private func split(_ content: [MarkdownInline]) -> [[MarkdownInline]] {
        var lines: [[MarkdownInline]] = [[]]
        for inline in content {
            if inline == .softBreak || inline == .lineBreak { lines.append([]) } else { lines[lines.count - 1].append(inline) }
        }
        return lines.filter { !$0.isEmpty }
    }

    private func listLines(_ list: MarkdownList, width: Int) -> [StyledLine] {
        var output: [StyledLine] = []
        let lastNumber = list.start + list.items.count - 1
        let numberWidth = String(lastNumber).count
        for (index, item) in list.items.enumerated() {
            if index > 0 && !list.tight { output.append([]) }
            var blocks = item.blocks
            var marker: StyledRun
            var itemStyle: TextStyle?
            if case .paragraph(let content)? = blocks.first?.kind, let (mark, rest) = Self.mark(of: content) {
                marker = StyledRun("\(mark) ")
                itemStyle = mark == "✅" ? Look.good : Look.bad
                blocks[0] = MarkdownBlock(.paragraph(rest), line: blocks[0].line)
            } else if let task = item.task {
                marker = StyledRun(task ? "[x] " : "[ ] ", task ? Look.good : Look.note)
            } else if list.ordered {
                let number = String(list.start + index)
                marker = StyledRun(String(repeating: " ", count: numberWidth - number.count) + number + ". ", Look.note)
            } else {
                marker = StyledRun("• ", Look.note)
            }
            let indent = DisplayWidth.of(marker.text)
            var body = lines(for: blocks, width: width - indent, tight: list.tight)
            if let itemStyle { body = body.map { $0.map { StyledRun($0.text, $0.style.adding(itemStyle)) } } }
            if body.isEmpty { body = [[]] }
            for (lineIndex, line) in body.enumerated() {
                output.append([lineIndex == 0 ? marker : StyledRun(String(repeating: " ", count: indent))] + line)
            }
        }
        return output
    }

    func codeLines(_ code: CodeBlock, width: Int) -> [StyledLine] {
        let label = code.language ?? ""
        var output: [StyledLine] = [[StyledRun("┌─" + (label.isEmpty ? "" : " \(label) "), Look.frame)]]
        // Long lines are cut to the width and continue on a dotted frame, so the frame stays
        // whole and no character of the code is lost or added.
        for line in SyntaxHighlighter.highlight(code.code, language: code.language) {
            for (index, piece) in TextWrapper.cut(line, width: width - 2).enumerated() {
                output.append([StyledRun(index == 0 ? "│ " : "┆ ", Look.frame)] + piece)
            }
        }
        output.append([StyledRun("└─", Look.frame)])
        return output
    }
}
