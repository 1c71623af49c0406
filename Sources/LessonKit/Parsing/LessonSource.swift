/// A lesson file's text split into lines, numbered from 1 as editors do.
struct LessonSource {
    /// The path used in problems.
    let file: String
    /// The lines without their line terminators (a BOM and `\r` are dropped).
    let lines: [String]

    init(file: String, text: String) {
        self.file = file
        var body = Substring(text)
        if body.hasPrefix("\u{FEFF}") { body = body.dropFirst() }
        lines = body.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.last == "\r" ? String(line.dropLast()) : String(line)
        }
    }

    /// The text of 1-based `line`, or "" past the end.
    func text(ofLine line: Int) -> String { line >= 1 && line <= lines.count ? lines[line - 1] : "" }

    /// Lines `from`...end joined back with newlines.
    func text(fromLine line: Int) -> String {
        guard line <= lines.count else { return "" }
        return lines[(line - 1)...].joined(separator: "\n")
    }

    func problem(_ kind: LessonProblem.Kind, line: Int, _ message: String, fix: String, fatal: Bool = false) -> LessonProblem {
        LessonProblem(kind, file: file, line: line, message: message, fix: fix, isFatal: fatal)
    }
}
