#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the program knows about the terminal it writes to.
public enum Terminal {
    /// Whether standard output is a terminal.
    public static var standardOutputIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    /// The width to wrap to: the terminal's (TIOCGWINSZ), else `$COLUMNS`, else 80.
    public static func width(environment: [String: String]) -> Int {
        var size = winsize()
        if isatty(STDOUT_FILENO) == 1, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
            return Int(size.ws_col)
        }
        if let columns = environment["COLUMNS"].flatMap({ Int($0.trimmingWhitespace()) }), columns > 0 { return columns }
        return 80
    }

    /// Whether to colour output: only on a terminal, never with `--plain` or a non-empty `NO_COLOR`.
    public static func useColors(plain: Bool, environment: [String: String]) -> Bool {
        if plain { return false }
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
        // CLICOLOR_FORCE: colours even when piped (a pager that keeps them, a test).
        if let force = environment["CLICOLOR_FORCE"], !force.isEmpty, force != "0" { return true }
        return standardOutputIsTerminal
    }
}
