import Foundation

/// What a learner hands in: Redis commands or a Lua script.
public enum ExerciseSubmission: Sendable, Equatable {
    /// The lines of a `.redis` file (blank lines and `#` comments are skipped).
    case redis(String)
    /// A Lua script, called by the checks through `$SCRIPT` or `$SHA`.
    case lua(String)

    /// Reads a `.redis` or `.lua` file; a missing, binary or non-UTF-8 file is an error naming it.
    public init(fileURL: URL) throws(ExerciseSubmissionError) {
        let path = fileURL.path
        let kind = fileURL.pathExtension.lowercased()
        guard kind == "redis" || kind == "lua" else {
            throw ExerciseSubmissionError("\(path): an answer file must end in .redis (commands) or .lua (a script)")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ExerciseSubmissionError("\(path): the file does not exist or cannot be read")
        }
        if let zero = data.firstIndex(of: 0) {
            let line = data[..<zero].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
            throw ExerciseSubmissionError("\(path):\(line): the file holds binary data (a NUL byte); save it as plain UTF-8 text")
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            let line = Self.firstInvalidLine(data)
            throw ExerciseSubmissionError("\(path):\(line): the file is not UTF-8 text; save it as UTF-8")
        }
        self = kind == "lua" ? .lua(text) : .redis(text)
    }

    /// The submission's text.
    public var text: String {
        switch self {
        case .redis(let text), .lua(let text): return text
        }
    }

    /// The answer kind it is.
    public var answer: Exercise.Answer {
        switch self {
        case .redis: return .redis
        case .lua: return .lua
        }
    }

    /// The 1-based line of the first byte sequence that is not UTF-8.
    private static func firstInvalidLine(_ data: Data) -> Int {
        var line = 1
        var start = data.startIndex
        for index in data.indices where data[index] == 0x0A {
            if String(validating: data[start..<index], as: UTF8.self) == nil { return line }
            line += 1
            start = index + 1
        }
        return line
    }
}

/// An answer file that cannot be used, with a message naming it.
public struct ExerciseSubmissionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file and what is wrong with it.
    public let message: String

    /// An error with a message.
    public init(_ message: String) { self.message = message }

    public var description: String { message }
}

extension ExerciseSubmission {
    /// Whether running it may run a script of the learner's (a `.lua` answer, or commands that
    /// name EVAL or FCALL in any of their forms).
    var mayRunScripts: Bool {
        switch self {
        case .lua: return true
        case .redis(let text):
            let lowered = text.lowercased()
            return lowered.contains("eval") || lowered.contains("fcall")
        }
    }
}
