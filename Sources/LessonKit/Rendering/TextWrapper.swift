/// Greedy word wrapping of styled text by display width.
enum TextWrapper {
    /// Wraps `runs` to `width` columns; `"\n"` inside a run forces a break. Words longer than a
    /// line are cut. Leading spaces of continuation lines are dropped.
    static func wrap(_ runs: [StyledRun], width: Int) -> [StyledLine] {
        let width = max(width, 1)
        var lines: [StyledLine] = []
        var line: StyledLine = []
        var lineWidth = 0
        var word: StyledLine = []
        var wordWidth = 0
        var pendingSpace: StyledRun?

        func flushLine() {
            lines.append(line)
            line = []
            lineWidth = 0
            pendingSpace = nil
        }
        func place(_ piece: StyledLine, width pieceWidth: Int) {
            let spaceWidth = (pendingSpace != nil && !line.isEmpty) ? 1 : 0
            if lineWidth + spaceWidth + pieceWidth > width && !line.isEmpty { flushLine() }
            if let space = pendingSpace, !line.isEmpty { append(space, to: &line); lineWidth += 1 }
            pendingSpace = nil
            for run in piece { append(run, to: &line) }
            lineWidth += pieceWidth
        }
        func flushWord() {
            guard !word.isEmpty else { return }
            if wordWidth > width {
                // Cut a word wider than the line into line-sized pieces.
                if !line.isEmpty { flushLine() }
                for run in word {
                    for character in run.text {
                        let characterWidth = DisplayWidth.of(character)
                        if lineWidth + characterWidth > width, !line.isEmpty { flushLine() }
                        append(StyledRun(String(character), run.style), to: &line)
                        lineWidth += characterWidth
                    }
                }
            } else {
                place(word, width: wordWidth)
            }
            word = []
            wordWidth = 0
        }

        for run in runs {
            var chunk = ""
            func flushChunk() {
                if !chunk.isEmpty {
                    append(StyledRun(chunk, run.style), to: &word)
                    wordWidth += DisplayWidth.of(chunk)
                    chunk = ""
                }
            }
            for character in run.text {
                if character == "\n" {
                    flushChunk(); flushWord(); flushLine()
                } else if character == " " || character == "\t" {
                    flushChunk(); flushWord()
                    if !line.isEmpty { pendingSpace = StyledRun(" ", run.style) }
                } else {
                    chunk.append(character)
                }
            }
            flushChunk()
        }
        flushWord()
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }

    /// Cuts `line` into pieces of at most `width` columns, keeping every character and space
    /// (for code, where spacing matters and words may not be split at spaces).
    static func cut(_ line: StyledLine, width: Int) -> [StyledLine] {
        let width = max(width, 1)
        guard line.displayWidth > width else { return [line] }
        var pieces: [StyledLine] = [[]]
        var used = 0
        for run in line {
            for character in run.text {
                let characterWidth = DisplayWidth.of(character)
                if used + characterWidth > width && used > 0 {
                    pieces.append([])
                    used = 0
                }
                append(StyledRun(String(character), run.style), to: &pieces[pieces.count - 1])
                used += characterWidth
            }
        }
        return pieces
    }

    /// Appends a run, merging it into the last one when the style is the same.
    static func append(_ run: StyledRun, to line: inout StyledLine) {
        if let last = line.last, last.style == run.style {
            line[line.count - 1].text += run.text
        } else {
            line.append(run)
        }
    }

    /// Pads `line` with spaces to `width` columns, placing it left, centre or right.
    static func pad(_ line: StyledLine, to width: Int, alignment: MarkdownTable.Alignment) -> StyledLine {
        let free = max(0, width - line.displayWidth)
        let left: Int
        switch alignment {
        case .right: left = free
        case .center: left = free / 2
        case .left, .none: left = 0
        }
        var padded: StyledLine = left > 0 ? [StyledRun(String(repeating: " ", count: left))] : []
        padded += line
        if free - left > 0 { padded.append(StyledRun(String(repeating: " ", count: free - left))) }
        return padded
    }
}
