/// Lays a markdown table out in columns that fit a width, wrapping cells when they must.
struct TableLayout {
    let renderer: TerminalRenderer
    let table: MarkdownTable

    func lines(width: Int) -> [StyledLine] {
        let columns = max(table.alignments.count, table.header.count)
        guard columns > 0 else { return [] }
        let header = table.header.map { renderer.inlineRuns($0, style: TextStyle(bold: true)) }
        let rows = table.rows.map { $0.map { renderer.inlineRuns($0) } }
        let widths = columnWidths(header: header, rows: rows, columns: columns, width: width)
        let frame = TerminalRenderer.Look.frame
        func rule(_ left: String, _ middle: String, _ right: String) -> StyledLine {
            [StyledRun(left + widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: middle) + right, frame)]
        }
        var output: [StyledLine] = [rule("┌", "┬", "┐")]
        if !header.isEmpty {
            output += rowLines(header, widths: widths)
            output.append(rule("├", "┼", "┤"))
        }
        for row in rows { output += rowLines(row, widths: widths) }
        output.append(rule("└", "┴", "┘"))
        return output
    }

    private func rowLines(_ cells: [[StyledRun]], widths: [Int]) -> [StyledLine] {
        let wrapped = widths.indices.map { column in
            column < cells.count ? TextWrapper.wrap(cells[column], width: widths[column]) : [[]]
        }
        let height = wrapped.map(\.count).max() ?? 1
        let frame = TerminalRenderer.Look.frame
        return (0..<height).map { lineIndex in
            var line: StyledLine = [StyledRun("│ ", frame)]
            for column in widths.indices {
                let content = lineIndex < wrapped[column].count ? wrapped[column][lineIndex] : []
                let alignment = column < table.alignments.count ? table.alignments[column] : .none
                line += TextWrapper.pad(content, to: widths[column], alignment: alignment)
                line.append(StyledRun(column == widths.count - 1 ? " │" : " │ ", frame))
            }
            return line
        }
    }

    /// Natural widths when they fit; otherwise the widest columns shrink first, never below a
    /// few columns, so narrow columns stay whole.
    private func columnWidths(header: [[StyledRun]], rows: [[[StyledRun]]], columns: Int, width: Int) -> [Int] {
        var natural = Array(repeating: 1, count: columns)
        for row in [header] + rows {
            for (column, cell) in row.enumerated() where column < columns {
                natural[column] = max(natural[column], cell.displayWidth)
            }
        }
        let available = max(columns * 3, width - (3 * columns + 1))
        var widths = natural
        while widths.reduce(0, +) > available {
            guard let widest = widths.indices.max(by: { widths[$0] < widths[$1] }), widths[widest] > 3 else { break }
            widths[widest] -= 1
        }
        return widths
    }
}
