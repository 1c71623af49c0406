/// A lesson file's text split into lines, numbered from 1 as editors do.
struct LessonSource {
    /// The path used in problems.
    let file: String
    /// The lines without their line terminators (a BOM and `\r` are dropped).
    let lines: [String]
    /// The text as read, for handing the body to cmark without joining the lines again.
    let text: String
    /// The UTF-8 offset where each line starts.
    let lineOffsets: [Int]

    init(file: String, text: String) {
        self.file = file
        // Splitting bytes is several times faster than splitting Characters, and lesson
        // loading time is mostly this.
        var lines: [String] = []
        var offsets: [Int] = []
        var text = text
        text.withUTF8 { bytes in
            var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            var index = start
            func emit(_ end: Int) {
                offsets.append(start)
                let stop = end > start && bytes[end - 1] == 0x0D ? end - 1 : end
                lines.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<stop]), as: UTF8.self))
            }
            while index < bytes.count {
                if bytes[index] == 0x0A {
                    emit(index)
                    start = index + 1
                }
                index += 1
            }
            emit(bytes.count)
        }
        self.lines = lines
        self.lineOffsets = offsets
        self.text = text
    }

    /// The UTF-8 bytes from the start of 1-based `line` to the end, passed to `body`.
    func withBytes<Result>(fromLine line: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        var text = text
        let start = line >= 1 && line <= lineOffsets.count ? lineOffsets[line - 1] : text.utf8.count
        return text.withUTF8 { body(UnsafeBufferPointer(rebasing: $0[start...])) }
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
