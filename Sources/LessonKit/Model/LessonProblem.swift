/// Something wrong in a lesson file, with where it is and how to fix it.
public struct LessonProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kinds of problems `dev check` reports.
    public enum Kind: String, Sendable, Equatable, Codable {
        case unreadableFile = "unreadable-file"
        case missingFrontMatter = "missing-front-matter"
        case brokenYAML = "broken-yaml"
        case missingField = "missing-field"
        case invalidField = "invalid-field"
        case duplicateSlug = "duplicate-slug"
        case duplicateNumber = "duplicate-number"
        case unterminatedCodeFence = "unterminated-code-fence"
        case malformedQuiz = "malformed-quiz"
        case answerWithoutOption = "answer-without-option"
        case optionGap = "option-gap"
        case brokenLink = "broken-link"
        case missingPrerequisite = "missing-prerequisite"
        case prerequisiteCycle = "prerequisite-cycle"
        case malformedCommand = "malformed-command"
    }

    /// What kind of problem it is.
    public var kind: Kind
    /// The file, as a path under the catalog's directory argument.
    public var file: String
    /// The 1-based line in the file (front matter included).
    public var line: Int
    /// What is wrong.
    public var message: String
    /// What to do about it.
    public var fix: String
    /// True when the lesson could not be loaded at all because of this problem.
    public var isFatal: Bool

    /// Creates a problem.
    public init(_ kind: Kind, file: String, line: Int, message: String, fix: String, isFatal: Bool = false) {
        self.kind = kind
        self.file = file
        self.line = line
        self.message = message
        self.fix = fix
        self.isFatal = isFatal
    }

    /// `file:line: message — fix`, the line `dev check` prints.
    public var description: String { "\(file):\(line): \(message) — \(fix)" }
}
