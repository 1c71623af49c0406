/// What batch grading needs to know about one exercise: its id, how it is answered, its points
/// and checks (hidden or not) and the hints that may be shown to students.
public struct GradedExercise: Sendable, Hashable, Codable {
    /// How a student answers: commands in a `.redis` file, or a script in a `.lua` file.
    public enum AnswerKind: String, Sendable, Hashable, Codable {
        case redis, lua

        /// The extension of a submission file of this kind, without the dot.
        public var fileExtension: String { rawValue }
    }

    /// One check as declared by the exercise.
    public struct Check: Sendable, Hashable, Codable {
        public var name: String
        public var points: Int
        public var hidden: Bool

        public init(name: String, points: Int, hidden: Bool = false) {
            self.name = name
            self.points = points
            self.hidden = hidden
        }
    }

    public var id: String
    public var title: String
    public var answerKind: AnswerKind
    public var points: Int
    public var checks: [Check]
    /// Tiered hints, nudge first; the last tier of three or more is the answer and is never shown.
    public var hints: [String]
    /// What the exercise is worth in this run, when an assignment says (nil: its own `points`);
    /// scores and check points are scaled to it.
    public var worth: Double?

    /// The points this exercise is graded out of in this run.
    public var maxScore: Double { worth ?? Double(points) }

    /// The factor from the exercise's own points to what it is worth here.
    public var scale: Double { points > 0 ? maxScore / Double(points) : 1 }

    public init(id: String, title: String, answerKind: AnswerKind, points: Int, checks: [Check], hints: [String] = []) {
        self.id = id
        self.title = title
        self.answerKind = answerKind
        self.points = points
        self.checks = checks
        self.hints = hints
    }

    /// The hints safe to show in feedback: at most the nudge and the command family, never the
    /// answer tier (the third hint on), so feedback cannot hand out the solution.
    public var studentHints: [String] { Array(hints.prefix(2)) }
}
