import Foundation
import RESP

/// The first error the learner's own work met: a command of their `.redis` file (or typed in
/// the REPL) that Redis answered with an error, or their Lua script failing to compile or run.
/// Every report shows it, so a typo is never hidden behind "the check failed".
public struct LearnerError: Codable, Sendable, Equatable, CustomStringConvertible {
    /// The line in the learner's file (nil: typed in the REPL, or not known).
    public var line: Int?
    /// The command as written, shortened; "your script" for a Lua answer.
    public var command: String
    /// Redis's error reply, as Redis wrote it.
    public var reply: String
    /// What to do about it, when there is something to say ("did you mean SUBSCRIBE?").
    public var advice: String?

    /// An error.
    public init(line: Int?, command: String, reply: String, advice: String? = nil) {
        self.line = line
        self.command = command
        self.reply = reply
        self.advice = advice
    }

    /// "line 5: `SUBSCRIB news` got (error) ERR unknown command … (did you mean SUBSCRIBE?)".
    public var description: String { described(in: nil) }

    /// As `description`, the place given as `file:line` when the file is known.
    public func described(in file: String?) -> String {
        let place: String
        switch (file, line) {
        case (let file?, let line?): place = "\(file):\(line): "
        case (let file?, nil): place = "\(file): "
        case (nil, let line?): place = "line \(line): "
        case (nil, nil): place = ""
        }
        let text = reply.trimmingCharacters(in: .whitespaces)
        let what = command == Self.scriptCommand ? command : "`\(command)`"
        return "\(place)\(what) got (error) \(text)" + (advice.map { " (\($0))" } ?? "")
    }

    /// The error a Lua script met, placed on its line in the learner's file (Redis names it
    /// `user_script:N`; the file is sent to Redis unchanged, so N is the file's line).
    public static func script(reply: String) -> LearnerError {
        LearnerError(line: scriptLine(in: reply), command: scriptCommand, reply: reply)
    }

    /// What `command` holds for a Lua answer's error.
    public static let scriptCommand = "your script"

    /// N in the first `user_script:N` of `text`.
    static func scriptLine(in text: String) -> Int? {
        guard let range = text.range(of: "user_script:") else { return nil }
        let digits = text[range.upperBound...].prefix { $0.isNumber }
        return Int(digits)
    }

    enum CodingKeys: String, CodingKey {
        case line, command, reply, advice
    }
}
