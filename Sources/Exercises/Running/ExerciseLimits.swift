import RESP

/// The budgets a run keeps to, so a student's file cannot hang, flood or wreck the grader.
public struct ExerciseLimits: Sendable, Equatable {
    /// The longest one run (setup, the learner's commands, the checks) may take in real time.
    public var wallClock: Duration
    /// The most commands the learner's file may send.
    public var maxCommands: Int
    /// The most reply bytes kept per client; a learner past it has broken a limit.
    public var maxReplyBytes: Int
    /// The longest one Lua script may run on the simulator (nil: unbounded, as in Redis).
    public var luaTimeBudget: Duration?
    /// The simulator's `maxmemory`: writes past it get Redis's OOM error (nil: none).
    public var memoryBytes: Int64?
    /// Refuse commands that could wreck the server or leave the exercise's keys (FLUSHALL, CONFIG SET, …).
    public var sandbox: Bool

    /// Budgets spelled out.
    public init(wallClock: Duration, maxCommands: Int, maxReplyBytes: Int, luaTimeBudget: Duration?, memoryBytes: Int64?, sandbox: Bool) {
        self.wallClock = wallClock
        self.maxCommands = maxCommands
        self.maxReplyBytes = maxReplyBytes
        self.luaTimeBudget = luaTimeBudget
        self.memoryBytes = memoryBytes
        self.sandbox = sandbox
    }

    /// Generous budgets for a learner checking their own work.
    public static let learner = ExerciseLimits(
        wallClock: .seconds(60), maxCommands: 10_000, maxReplyBytes: 4 << 20, luaTimeBudget: .seconds(5),
        memoryBytes: 256 << 20, sandbox: true)

    /// Tighter budgets for grading many students' files.
    public static let grading = ExerciseLimits(
        wallClock: .seconds(20), maxCommands: 5_000, maxReplyBytes: 1 << 20, luaTimeBudget: .seconds(2),
        memoryBytes: 64 << 20, sandbox: true)

    /// What the backend's server for one run is started with: the script time budget, the
    /// memory budget for Lua's own heap too (a table grown without end never reaches
    /// `maxmemory`, which counts only the dataset), the sandbox's refusals inside scripts, and
    /// on a shared live Redis the memory budget of the run's own keys.
    public var instanceLimits: RedisInstanceLimits {
        RedisInstanceLimits(
            scriptTimeBudget: luaTimeBudget, scriptMemoryBudget: memoryBytes.map { Int(clamping: $0) },
            scriptCommandRefusal: sandbox ? ExerciseSandbox.scriptRefusal : nil,
            keyMemoryBudget: memoryBytes.map { Int(clamping: $0) })
    }

    /// Sizes in the units people read.
    static func bytesText(_ bytes: Int64) -> String {
        if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20) MB" }
        if bytes >= 1 << 10, bytes % (1 << 10) == 0 { return "\(bytes >> 10) KB" }
        return "\(bytes) bytes"
    }

    /// A duration in seconds or milliseconds.
    static func durationText(_ duration: Duration) -> String {
        let milliseconds = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        return milliseconds % 1000 == 0 ? "\(milliseconds / 1000) s" : "\(milliseconds) ms"
    }
}
