@preconcurrency import CEditline
#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif

/// The terminal line editor: libedit with emacs keys, a persistent history, tab completion
/// and redis-cli-style argument hints.
///
/// Hints are drawn by our read-character function: whenever libedit has redrawn the line and
/// waits for a key, the hint for the line is written in grey after the cursor, and erased as
/// soon as a key arrives, before libedit handles it. So every libedit editing command keeps
/// working and the hint never lingers.
public final class LineEditor: @unchecked Sendable {
    private let editLine: OpaquePointer
    private let history: OpaquePointer
    private var event = HistEvent()
    private var promptBytes: [CChar] = [0]
    private var promptWidth = 0
    private var hintShown = false
    /// Completion of commands, subcommands and meta-commands.
    public var completer: Completer
    /// The argument hints.
    public var hints: ArgumentHints
    /// The history file, or nil to keep history in memory only.
    public let historyPath: String?
    /// When true, Ctrl-C ends the input (`readLine` answers nil) instead of dropping the line:
    /// a quiz stops where the REPL only clears what was typed.
    public var interruptEndsInput = false
    /// A problem met loading the history file (shown once by the session), else nil.
    public private(set) var historyWarning: String?

    /// A line editor on the process's terminal.
    public init(completer: Completer, hints: ArgumentHints, historyPath: String?) {
        setlocale(LC_CTYPE, "")
        self.completer = completer
        self.hints = hints
        self.historyPath = historyPath
        editLine = el_init(CommandLine.arguments.first ?? "redislings", stdin, stdout, stderr)
        history = history_init()
        redislings_history_setsize(history, &event, 1000)
        redislings_history_setunique(history, &event, 1)
        redislings_el_set_editor(editLine, "emacs")
        redislings_el_set_history(editLine, history)
        redislings_el_set_clientdata(editLine, Unmanaged.passUnretained(self).toOpaque())
        redislings_el_set_prompt(editLine) { el in
            guard let el, let editor = LineEditor.from(el) else { return nil }
            return editor.promptBytes.withUnsafeMutableBufferPointer { $0.baseAddress }
        }
        redislings_el_set_getcfn(editLine) { el, out in
            guard let el, let out, let editor = LineEditor.from(el) else { return -1 }
            return editor.readCharacter(into: out)
        }
        redislings_el_add_function(editLine, "redislings-complete", "Complete the word") { el, _ in
            guard let el, let editor = LineEditor.from(el) else { return UInt8(CC_ERROR) }
            return editor.complete()
        }
        redislings_el_add_function(editLine, "redislings-interrupt", "Drop the line") { el, _ in
            guard let el, let editor = LineEditor.from(el) else { return UInt8(CC_ERROR) }
            return editor.dropLine()
        }
        redislings_el_bind(editLine, "^I", "redislings-complete")
        redislings_el_bind(editLine, "^_", "redislings-interrupt")
        if let historyPath {
            if access(historyPath, F_OK) == 0, redislings_history_load(history, &event, historyPath) < 0 {
                historyWarning = "the history file \(historyPath) could not be read; it will be replaced"
            }
        }
    }

    deinit {
        el_end(editLine)
        history_end(history)
    }

    /// The key (Ctrl-_) Ctrl-C is turned into, bound to dropping the line.
    private static let interruptKey: wchar_t = 0x1F

    fileprivate static func from(_ el: OpaquePointer) -> LineEditor? {
        guard let data = redislings_el_get_clientdata(el) else { return nil }
        return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue()
    }

    /// Shows `prompt` and reads one edited line, without its newline; nil at end of input (Ctrl-D).
    public func readLine(prompt: String) -> String? {
        promptBytes = Array(prompt.utf8CString)
        promptWidth = prompt.count
        var count: Int32 = 0
        guard let wide = el_wgets(editLine, &count), count > 0 else { return nil }
        var line = LineEditor.string(wide, count: Int(count))
        while line.last == "\n" || line.last == "\r" { line.removeLast() }
        return line
    }

    /// Adds `line` to the history and saves the history file, unless the line carries a
    /// password (`HistoryPolicy`) or is blank.
    public func remember(_ line: String) throws(StateFileError) {
        guard !line.trimmingSpaces.isEmpty, HistoryPolicy.mayRemember(line) else { return }
        redislings_history_enter(history, &event, line)
        guard let historyPath else { return }
        let temporary = historyPath + ".tmp-\(getpid())"
        guard redislings_history_save(history, &event, temporary) >= 0, rename(temporary, historyPath) == 0 else {
            unlink(temporary)
            throw StateFileError(path: historyPath, line: nil, problem: "cannot save the history",
                remedy: "Check that its directory is writable, or set REDISLINGS_HOME to one that is")
        }
    }

    /// The lines in the history, oldest first.
    public func historyLines() -> [String] {
        var lines: [String] = []
        var status = redislings_history_first(history, &event)
        while status >= 0, let text = event.str {
            lines.append(String(cString: text))
            status = redislings_history_next(history, &event)
        }
        return lines.reversed()
    }

    /// Makes `text` the start of the next line read, as if typed.
    public func push(_ text: String) {
        el_push(editLine, text)
    }

    // MARK: libedit callbacks

    private func readCharacter(into out: UnsafeMutablePointer<wchar_t>) -> Int32 {
        if !TerminalIO.hasInput(STDIN_FILENO) { drawHint() }
        let scalar = TerminalIO.readScalar()
        if hintShown {
            TerminalIO.write("\u{1B}[K")
            hintShown = false
        }
        guard let read = scalar, let value = read else { return 0 }
        // libedit binds the terminal's interrupt character to its own no-op, whatever we
        // bind; Ctrl-C is handed over as a key of ours instead.
        out.pointee = value == "\u{3}" ? LineEditor.interruptKey : wchar_t(bitPattern: value.value)
        return 1
    }

    private func drawHint() {
        guard let line = el_wline(editLine)?.pointee, let buffer = line.buffer,
              line.cursor == line.lastchar, line.lastchar != buffer else { return }
        let text = LineEditor.string(buffer, count: line.lastchar - buffer)
        guard let hint = hints.hint(for: text) else { return }
        let columns = TerminalIO.columns()
        let column = (promptWidth + text.count) % columns
        let room = columns - column - 1
        guard room > 0 else { return }
        let shown = String(hint.prefix(room))
        TerminalIO.write("\u{1B}[90m\(shown)\u{1B}[0m\u{1B}[\(shown.count)D")
        hintShown = true
    }

    private func complete() -> UInt8 {
        guard let line = el_wline(editLine)?.pointee, let buffer = line.buffer, let cursor = line.cursor else {
            return UInt8(CC_ERROR)
        }
        let before = LineEditor.string(buffer, count: cursor - buffer)
        let (word, candidates) = completer.candidates(for: before)
        if candidates.isEmpty { return UInt8(CC_REFRESH_BEEP) }
        if candidates.count == 1 {
            replaceWord(word, with: candidates[0] + " ")
            return UInt8(CC_REFRESH)
        }
        let common = Completer.commonPrefix(candidates)
        if common.count > word.count {
            replaceWord(word, with: common)
            return UInt8(CC_REFRESH)
        }
        TerminalIO.write("\r\n" + LineEditor.columnsLayout(candidates, width: TerminalIO.columns()))
        return UInt8(CC_REDISPLAY)
    }

    private func replaceWord(_ word: String, with replacement: String) {
        if !word.isEmpty { el_deletestr(editLine, Int32(word.count)) }
        el_insertstr(editLine, replacement)
    }

    private func dropLine() -> UInt8 {
        if interruptEndsInput {
            TerminalIO.write("^C")
            return UInt8(CC_EOF)
        }
        guard let line = el_wline(editLine)?.pointee, let buffer = line.buffer else { return UInt8(CC_ERROR) }
        let length = Int32(line.lastchar - buffer)
        el_cursor(editLine, length)
        if length > 0 { el_deletestr(editLine, length) }
        TerminalIO.write("^C\r\n")
        return UInt8(CC_REDISPLAY)
    }

    /// Candidates laid out in columns that fit `width`, each row ending with a newline.
    static func columnsLayout(_ items: [String], width: Int) -> String {
        let cell = (items.map(\.count).max() ?? 0) + 2
        let perRow = max(1, width / cell)
        var out = ""
        for (index, item) in items.enumerated() {
            let last = index % perRow == perRow - 1 || index == items.count - 1
            out += last ? item + "\r\n" : item + String(repeating: " ", count: cell - item.count)
        }
        return out
    }

    private static func string(_ wide: UnsafePointer<wchar_t>, count: Int) -> String {
        var text = ""
        for i in 0..<count {
            text.unicodeScalars.append(Unicode.Scalar(UInt32(bitPattern: wide[i])) ?? "\u{FFFD}")
        }
        return text
    }
}
