/// One graded check of an exercise.
public struct ExerciseCheck: Sendable, Equatable {
    /// What the check looks at.
    public enum Kind: Sendable, Equatable {
        /// Runs `steps` on a fresh checker client; the last command's reply must match.
        case run(steps: [ExerciseStep], expect: Expectation)
        /// The pub/sub messages `client` got must contain these, in order (exactly `count` if given).
        case received(client: String, messages: [Expectation], count: Int?)
        /// One of the replies `client` got to its own commands must match.
        case replied(client: String, expect: Expectation)
    }

    /// The check's name, unique in the exercise.
    public var name: String
    /// The points it is worth.
    public var points: Int
    /// What the learner is told when it fails (never the answer).
    public var message: String
    /// True: counts in grading but is shown to students only as "hidden check N".
    public var hidden: Bool
    /// What it looks at.
    public var kind: Kind
    /// The line of its `name`.
    public var line: Int
    /// A `replied` check only looks at replies to commands this regular expression matches
    /// (case-insensitive, against the arguments joined by single spaces); nil: any command.
    public var command: String?
    /// Checks above this one that must pass for it to earn anything, so that a negative
    /// control ("the stranger's lock survives") never pays on its own.
    public var requires: [String]

    /// A check.
    public init(name: String, points: Int, message: String, hidden: Bool, kind: Kind, line: Int, command: String? = nil, requires: [String] = []) {
        self.name = name
        self.points = points
        self.message = message
        self.hidden = hidden
        self.kind = kind
        self.line = line
        self.command = command
        self.requires = requires
    }
}
