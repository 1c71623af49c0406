/// What a feature asks for when it needs "a Redis": the built-in simulator or a live server.
///
/// Lessons, the REPL, exercise checks, quizzes and grading receive one and never learn which it
/// is; only the executable constructs a backend. A backend that can do more (start a fresh
/// server, move its clock) says so through the answers below rather than through its type.
public protocol RedisBackend: AnyObject, Sendable {
    /// Who answers, for people: `simulator`, or the live server's address.
    var label: String { get }

    /// True when `makeInstance` starts a new, empty server (the simulator); false when it hands
    /// back this same server (a live Redis), where a run must clear the keys it used itself.
    var makesFreshInstances: Bool { get }

    /// The database a new connection starts in (a live URL may name one).
    var initialDatabase: Int { get }

    /// Opens a new client connection.
    func connect() async throws(RedisConnectionError) -> any RedisConnection

    /// The server one run talks to, under `limits`: a fresh, isolated one where the backend can
    /// make one, otherwise this backend itself.
    func makeInstance(limits: RedisInstanceLimits) -> any RedisBackend

    /// Moves the clock forward and runs what came due (expiry, blocking timeouts); false when
    /// the clock is real time and cannot be moved (a live Redis).
    func advanceClock(milliseconds: Int64) -> Bool

    /// How far the clock runs ahead of real time, or nil when it cannot move.
    var clockOffsetMilliseconds: Int64? { get }

    /// Stops what `connection` is running, a busy script or a blocked command, so the
    /// connection can be used again (or must be replaced, as the outcome says).
    func interrupt(_ connection: any RedisConnection) async -> RedisInterruption

    /// Releases what the backend created for itself (its own connections, its servers).
    func close() async

    /// What other clients did to this backend's commands since the last call (another client's
    /// script kept the server busy, or was killed under it), so a run can be repeated; nil when
    /// nothing did. Only a shared server (a live Redis) can be interfered with.
    func takeInterference() -> String?

    /// Waits until a shared server answers again after interference, stopping a script that
    /// has outrun every budget; false (with the reason) when it did not recover within `timeout`.
    func awaitRecovery(timeout: Duration) async -> (recovered: Bool, reason: String)

    /// How a run was stopped for a budget since the last call (a live Redis stops a script past
    /// its time with SCRIPT KILL, and a run whose keys outgrow `keyMemoryBudget`), for the run's
    /// result; nil when none was.
    func takeStoppedScript() -> String?

    /// Where a run with scripts is rehearsed before it reaches this backend, or nil. A live
    /// Redis cannot stop a script that has written and then loops (SCRIPT KILL answers
    /// UNKILLABLE; only SHUTDOWN NOSAVE would), so such a script must never reach it.
    var rehearsal: (any RedisBackend)? { get }
}

extension RedisBackend {
    /// A server of one's own is never interfered with.
    public func takeInterference() -> String? { nil }

    /// A server of one's own is always answering.
    public func awaitRecovery(timeout: Duration) async -> (recovered: Bool, reason: String) { (true, "") }

    /// The simulator reports a stopped script in the script's own error reply.
    public func takeStoppedScript() -> String? { nil }

    /// A server of one's own stops every runaway script itself.
    public var rehearsal: (any RedisBackend)? { nil }
}

/// Which keys the connections of a run on a shared server may change.
public enum RedisKeyScope: Sendable, Equatable {
    /// Only keys matching these glob patterns (an exercise's declared keys).
    case patterns([String])
    /// Only keys the run creates itself; every other key may be read, never changed.
    case createdKeys
}

/// The budgets of a server started for one run.
public struct RedisInstanceLimits: Sendable {
    /// The longest one script may run before it is stopped (nil: unbounded, as in Redis).
    public var scriptTimeBudget: Duration?
    /// The most bytes the scripting engine's heap may hold; a script that allocates past it is
    /// stopped (nil: unbounded, as in Redis). Live servers cannot be given one.
    public var scriptMemoryBudget: Int?
    /// Why a command sent from inside a script is refused (nil: allowed), for sandboxes that
    /// refuse the same commands in scripts as when sent directly. It is given the command's
    /// name and its first argument only (a subcommand), as it runs on every `redis.call`.
    public var scriptCommandRefusal: (@Sendable ([[UInt8]]) -> String?)?
    /// A clock that stands still at this Unix time in milliseconds, so replies that carry the
    /// time compare exactly (nil: real time).
    public var frozenClockMilliseconds: Int64?
    /// The keys the run may change on a shared server, which confines its connections to them
    /// (nil: unconfined). A fresh server of the run's own needs none.
    public var keyScope: RedisKeyScope?
    /// On a shared server, the most bytes the run's keys may hold (MEMORY USAGE): past it the
    /// run is stopped and its keys deleted (nil: unbounded). A fresh server uses `maxmemory`.
    public var keyMemoryBudget: Int?

    /// Limits spelled out.
    public init(
        scriptTimeBudget: Duration? = nil, scriptMemoryBudget: Int? = nil,
        scriptCommandRefusal: (@Sendable ([[UInt8]]) -> String?)? = nil, frozenClockMilliseconds: Int64? = nil,
        keyScope: RedisKeyScope? = nil, keyMemoryBudget: Int? = nil
    ) {
        self.keyScope = keyScope
        self.keyMemoryBudget = keyMemoryBudget
        self.scriptTimeBudget = scriptTimeBudget
        self.scriptMemoryBudget = scriptMemoryBudget
        self.scriptCommandRefusal = scriptCommandRefusal
        self.frozenClockMilliseconds = frozenClockMilliseconds
    }

    /// No budgets: a server as Redis starts it.
    public static let none = RedisInstanceLimits()
}

/// What `RedisBackend.interrupt` achieved.
public enum RedisInterruption: Sendable, Equatable {
    /// Nothing was running on the connection.
    case nothingRunning
    /// The script or the blocked command was stopped; the connection is still usable.
    case stopped
    /// The blocked command was stopped by closing the connection: open a new one.
    case connectionClosed
    /// The script has written, so only `SHUTDOWN NOSAVE` could stop it; the text says so for people.
    case unstoppable(String)
}
