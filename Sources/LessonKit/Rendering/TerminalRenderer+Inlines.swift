extension TerminalRenderer {
    /// Styled runs for inline markdown; hard breaks become `"\n"`, soft breaks spaces. Without
    /// colour, code keeps its backticks so it still stands out.
    func inlineRuns(_ inlines: [MarkdownInline], style: TextStyle = .plain) -> [StyledRun] {
        var runs: [StyledRun] = []
        for inline in inlines {
            switch inline {
            case .text(let text): runs.append(StyledRun(text, style))
            case .code(let code): runs.append(StyledRun(colors ? code : "`\(code)`", style.adding(Look.code)))
            case .emphasis(let inner): runs += inlineRuns(inner, style: style.adding(TextStyle(italic: true)))
            case .strong(let inner): runs += inlineRuns(inner, style: style.adding(TextStyle(bold: true)))
            case .strikethrough(let inner): runs += inlineRuns(inner, style: style.adding(TextStyle(strikethrough: true)))
            case .softBreak: runs.append(StyledRun(" ", style))
            case .lineBreak: runs.append(StyledRun("\n", style))
            case .html(let html): runs.append(StyledRun(html, style.adding(Look.note)))
            case .link(let destination, _, let content):
                runs += inlineRuns(content, style: style.adding(Look.link))
                if let note = linkNote?(destination) {
                    runs.append(StyledRun(" (\(note))", style.adding(Look.note)))
                } else if MarkdownInline.plainText(content) != destination, !destination.hasPrefix("#") {
                    runs.append(StyledRun(" (\(destination))", style.adding(Look.note)))
                }
            case .image(let source, _, let alt):
                let text = MarkdownInline.plainText(alt)
                runs.append(StyledRun("[image: \(text.isEmpty ? source : text)]", style.adding(Look.note)))
            }
        }
        return runs
    }
}
