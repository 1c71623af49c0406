/// A lesson file's text with its lines numbered from 1 as editors do. Lines are decoded only
/// when asked for: loading reads the front matter and quiz lines, cmark reads the bytes.
struct LessonSource {
    /// The path used in problems.
    let file: String
    /// The text as read, for handing the body to cmark without copying it.
    let text: String
    /// The UTF-8 offset where each line starts (after a BOM).
    private let lineStarts: [Int]
    /// The UTF-8 offset where each line ends, before its `\r\n` or `\n`.
    private let lineEnds: [Int]

    init(file: String, text: String) {
        self.file = file
        var starts: [Int] = []
        var ends: [Int] = []
        var text = text
        text.withUTF8 { bytes in
            var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            var index = start
            func emit(_ end: Int) {
                starts.append(start)
                ends.append(end > start && bytes[end - 1] == 0x0D ? end - 1 : end)
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
        self.text = text
        self.lineStarts = starts
        self.lineEnds = ends
    }

    /// How many lines the file has (a final line without a newline counts).
    var lineCount: Int { lineStarts.count }

    /// The text of 1-based `line` without its line ending, or "" past the end.
    func text(ofLine line: Int) -> String {
        guard line >= 1 && line <= lineStarts.count else { return "" }
        var text = text
        let start = lineStarts[line - 1], end = lineEnds[line - 1]
        return text.withUTF8 { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self) }
    }

    /// The UTF-8 bytes from the start of 1-based `line` to the end, passed to `body`.
    func withBytes<Result>(fromLine line: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        var text = text
        let start = line >= 1 && line <= lineStarts.count ? lineStarts[line - 1] : text.utf8.count
        return text.withUTF8 { body(UnsafeBufferPointer(rebasing: $0[start...])) }
    }

    func problem(_ kind: LessonProblem.Kind, line: Int, _ message: String, fix: String, fatal: Bool = false) -> LessonProblem {
        LessonProblem(kind, file: file, line: line, message: message, fix: fix, isFatal: fatal)
    }
}
