#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif
import LessonKit

/// Wraps the REPL's longer messages (hints, check results) at word boundaries to the terminal's
/// width, continuing under the text rather than under the label, so a terminal never cuts a
/// word in two. Output that is not a terminal is left on one line, for scripts.
enum MessageWrapper {
    /// `text` wrapped to `width` columns, continuation lines indented by `indent` spaces.
    static func wrap(_ text: String, width: Int, indent: Int) -> String {
        guard width > indent + 10 else { return text }
        var lines: [String] = []
        var line = ""
        var lineWidth = 0
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            let wordWidth = DisplayWidth.of(String(word))
            if lineWidth > 0, lineWidth + 1 + wordWidth > width {
                lines.append(line)
                line = String(repeating: " ", count: indent) + word
                lineWidth = indent + wordWidth
            } else {
                line += (lineWidth > 0 || !lines.isEmpty ? " " : "") + word
                lineWidth += (lineWidth > 0 ? 1 : 0) + wordWidth
            }
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }

    /// `text` wrapped for standard output: to the terminal's width when it is one.
    static func forTerminal(_ text: String, indent: Int) -> String {
        guard isatty(STDOUT_FILENO) != 0 else { return text }
        return wrap(text, width: TerminalIO.columns() - 1, indent: indent)
    }
}
