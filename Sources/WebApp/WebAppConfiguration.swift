import CourseProgress
import Exercises
import LessonKit
import RESP
import REPL

/// Everything `redislings web` serves, chosen by the executable: where to listen, the course,
/// how to make a Redis (the executable's backend choice), and where progress is recorded.
public struct WebAppConfiguration: Sendable {
    /// The address to bind: loopback unless the user asks otherwise.
    public var host: String
    /// The TCP port (0: any free port).
    public var port: Int
    /// The lessons.
    public var catalog: LessonCatalog
    /// The exercises, when the course has some.
    public var exercises: ExerciseCatalog?
    /// A new backend for a browser session: a fresh simulator, or the live Redis.
    public var makeBackend: @Sendable () -> any RedisBackend
    /// A scratch simulator for judging quiz answers that are commands.
    public var makeQuizBackend: @Sendable () -> any RedisBackend
    /// The command table's names and subcommands, for completion (`SimulatorBackend.commandNames`).
    public var commandNames: [String: [String]]
    /// A new exercise workbench for one browser session, shared by its tabs (nil: no exercises
    /// in the console); it must pass each `:check` result to the reporter it is given, which
    /// shows the result in the session's pages.
    public var makeWorkbench: @Sendable (_ reportResult: @escaping @Sendable (Exercise, ExerciseResult) -> Void) -> ExerciseWorkbench?
    /// Opens the learner's progress database (the one the terminal uses).
    public var openProgress: @Sendable () throws -> ProgressStore
    /// The instructor's grading output folder (`results.json` and reports), if any.
    public var gradebook: String?
    /// The limits that protect the server from its clients.
    public var limits: WebLimits

    /// A configuration; every part the executable does not choose has a safe default.
    public init(
        host: String = "127.0.0.1", port: Int = 8080, catalog: LessonCatalog, exercises: ExerciseCatalog? = nil,
        makeBackend: @escaping @Sendable () -> any RedisBackend,
        makeQuizBackend: @escaping @Sendable () -> any RedisBackend, commandNames: [String: [String]] = [:],
        makeWorkbench: @escaping @Sendable (_ reportResult: @escaping @Sendable (Exercise, ExerciseResult) -> Void) -> ExerciseWorkbench? = { _ in nil },
        openProgress: @escaping @Sendable () throws -> ProgressStore,
        gradebook: String? = nil, limits: WebLimits = WebLimits()
    ) {
        self.host = host
        self.port = port
        self.catalog = catalog
        self.exercises = exercises
        self.makeBackend = makeBackend
        self.makeQuizBackend = makeQuizBackend
        self.commandNames = commandNames
        self.makeWorkbench = makeWorkbench
        self.openProgress = openProgress
        self.gradebook = gradebook
        self.limits = limits
    }
}

/// How much the web server lets its clients take.
public struct WebLimits: Sendable {
    /// The largest WebSocket frame (and message) a client may send.
    public var maxMessageBytes = 64 << 10
    /// The longest console line.
    public var maxLineBytes = 16 << 10
    /// The most console output sent for one line; more is cut with a note (as a pager would).
    public var maxOutputBytes = 1 << 20
    /// Browser sessions kept at once (each owns a simulator); idle ones are dropped first.
    public var maxSessions = 64
    /// Open consoles at once, over all sessions.
    public var maxSockets = 256

    /// The defaults.
    public init() {}
}
