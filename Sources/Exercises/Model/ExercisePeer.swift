/// Another client the runner drives beside the learner: a subscriber, a publisher, a rival.
public struct ExercisePeer: Sendable, Equatable {
    /// When the peer runs its steps.
    public enum When: String, Sendable, Equatable {
        /// After setup, before the learner's commands.
        case start
        /// After the learner's commands, each time the exercise is checked.
        case check
    }

    /// The peer's name, unique in the exercise (`learner` and `checker` are reserved).
    public var name: String
    /// When it runs.
    public var when: When
    /// Its steps, on its own connection.
    public var steps: [ExerciseStep]
    /// The line of its `name`.
    public var line: Int

    /// A peer called `name`.
    public init(name: String, when: When, steps: [ExerciseStep], line: Int) {
        self.name = name
        self.when = when
        self.steps = steps
        self.line = line
    }

    /// Names a peer may not take: the runner's own clients.
    public static let reservedNames: Set<String> = ["learner", "checker"]
}
