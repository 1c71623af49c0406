import Yams

/// Where a libyaml error in a front matter points and what it says, read alike for lessons and
/// exercises (the YAML starts on the file's line 2).
public struct YAMLErrorPlace: Sendable, Equatable {
    /// The line to fix: where the error's context starts (an unclosed quote, an open `[`), else
    /// where libyaml stopped.
    public let line: Int
    /// The line where libyaml stopped, which may be lines after the mistake.
    public let stopLine: Int
    /// libyaml's words: the context that starts at `line` and the problem, or the problem alone.
    public let what: String

    /// The place of `error`, or nil for an error that names none (a reader or emitter error).
    public init?(_ error: YamlError) {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            line = (context?.mark.line ?? mark.line) + 1
            stopLine = mark.line + 1
            what = context.map { "\($0.text) that starts here, \(problem) (line \(mark.line + 1))" } ?? problem
        default:
            return nil
        }
    }
}
