/// One exercise: its front matter, checked and typed, and its markdown instructions.
public struct Exercise: Sendable, Equatable {
    /// How the learner answers.
    public enum Answer: String, Sendable, Equatable, Codable {
        /// Redis commands, typed in the REPL or written in a `.redis` file.
        case redis
        /// A Lua script in a `.lua` file, called by the checks through `$SCRIPT` or `$SHA`.
        case lua
    }

    /// The unique, kebab-case id; submissions are named `<id>.redis` or `<id>.lua`.
    public var id: String
    /// The slug of the lesson the exercise belongs to.
    public var lesson: String
    /// The lesson's number, for ordering and `LESSON.N` names.
    public var lessonNumber: Int
    /// The exercise's position in its lesson, from the file name's `NN-` prefix.
    public var number: Int
    /// The title.
    public var title: String
    /// The total points; the checks' points add up to it.
    public var points: Int
    /// How the learner answers.
    public var answer: Answer
    /// Glob patterns of the keys the exercise uses (deleted on a live Redis before and after).
    public var keys: [String]
    /// What a new answer file starts as.
    public var starter: String?
    /// Steps run on a fresh backend before the learner starts.
    public var setup: [ExerciseStep]
    /// The other clients the runner drives.
    public var peers: [ExercisePeer]
    /// What is checked, in order.
    public var checks: [ExerciseCheck]
    /// Hints, from a nudge to the answer.
    public var hints: [String]
    /// The reference answer.
    public var solution: String
    /// The instructions (markdown).
    public var instructions: String
    /// The file, as a path under the catalog's directory.
    public var file: String
    /// The line where the instructions start.
    public var instructionsLine: Int
    /// Anti-patterns `dev check` runs, each with the most points it may earn.
    public var wrongAnswers: [WrongAnswer]
    /// A mentor's short note on why the solution works, shown after a pass.
    public var why: String?
    /// The ids of the course outline's bullets the exercise practises.
    public var covers: [String]

    /// The file extension of an answer: `redis` or `lua`.
    public var answerExtension: String { answer.rawValue }

    /// The `LESSON.N` short name, e.g. `14.2`.
    public var shortName: String { "\(lessonNumber).\(number)" }

    /// Memberwise initializer (the parser builds exercises; tests may too).
    public init(
        id: String, lesson: String, lessonNumber: Int, number: Int, title: String, points: Int, answer: Answer,
        keys: [String], starter: String?, setup: [ExerciseStep], peers: [ExercisePeer], checks: [ExerciseCheck],
        hints: [String], solution: String, instructions: String, file: String, instructionsLine: Int,
        wrongAnswers: [WrongAnswer] = [], why: String? = nil, covers: [String] = []
    ) {
        self.id = id
        self.lesson = lesson
        self.lessonNumber = lessonNumber
        self.number = number
        self.title = title
        self.points = points
        self.answer = answer
        self.keys = keys
        self.starter = starter
        self.setup = setup
        self.peers = peers
        self.checks = checks
        self.hints = hints
        self.solution = solution
        self.instructions = instructions
        self.file = file
        self.instructionsLine = instructionsLine
        self.wrongAnswers = wrongAnswers
        self.why = why
        self.covers = covers
    }
}
