#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import RESP
import Synchronization

/// What other clients may see of a running script without taking the simulator's lock, which
/// the script holds: whether one runs, since when, whether SCRIPT KILL was asked and whether it
/// already wrote. This is how they get BUSY, and how SCRIPT KILL reaches a looping script.
public final class ScriptMonitor: Sendable {
    /// Monotonic nanoseconds when the running script started; 0 when none runs.
    private let startedAt = Atomic<Int64>(0)
    /// `busy-reply-threshold` in milliseconds, read when the script started (0 disables BUSY).
    private let threshold = Atomic<Int64>(5000)
    private let killFlag = Atomic<Bool>(false)
    private let dirtyFlag = Atomic<Bool>(false)

    /// What FUNCTION STATS shows while a script runs: the running function (nil for an EVAL
    /// script) and the library and function counts when it started.
    private let functionRun = Mutex<FunctionRunInfo>(FunctionRunInfo())

    init() {}

    /// Monotonic time in nanoseconds.
    public static func monotonicNanoseconds() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
    }

    func begin(thresholdMilliseconds: Int64, function: FunctionRunInfo = FunctionRunInfo()) {
        functionRun.withLock { $0 = function }
        killFlag.store(false, ordering: .relaxed)
        dirtyFlag.store(false, ordering: .relaxed)
        threshold.store(thresholdMilliseconds, ordering: .relaxed)
        startedAt.store(max(1, Self.monotonicNanoseconds()), ordering: .releasing)
    }

    func end() {
        startedAt.store(0, ordering: .releasing)
        killFlag.store(false, ordering: .relaxed)
    }

    func markDirty() { dirtyFlag.store(true, ordering: .relaxed) }

    /// True while a script runs.
    public var isRunning: Bool { startedAt.load(ordering: .acquiring) != 0 }

    /// True once SCRIPT KILL asked the running script to stop.
    public var killRequested: Bool { killFlag.load(ordering: .relaxed) }

    /// True when a script has run past `busy-reply-threshold`: other clients get BUSY.
    public var isBusy: Bool {
        let started = startedAt.load(ordering: .acquiring)
        guard started != 0 else { return false }
        let limit = threshold.load(ordering: .relaxed)
        guard limit > 0 else { return false }
        return (Self.monotonicNanoseconds() - started) / 1_000_000 >= limit
    }

    /// True while the running script is a function (FCALL), not an EVAL script.
    var runsFunction: Bool { functionRun.withLock { $0.command != nil } }

    /// SCRIPT KILL (`function` false) or FUNCTION KILL while a script runs, as Redis answers them.
    func kill(function: Bool = false) -> RESPValue {
        guard isRunning else { return .error("NOTBUSY No scripts in execution right now.") }
        if dirtyFlag.load(ordering: .relaxed) {
            return .error(
                "UNKILLABLE Sorry the script already executed write commands against the dataset. "
                    + "You can either wait the script termination or kill the server in a hard way "
                    + "using the SHUTDOWN NOSAVE command.")
        }
        if function != runsFunction { return .error(busyText(function: runsFunction)) }
        killFlag.store(true, ordering: .relaxed)
        return .ok
    }

    /// Redis's BUSY text, which names the kill command that fits what runs.
    func busyText(function: Bool) -> String {
        "BUSY Redis is busy running a script. You can only call \(function ? "FUNCTION" : "SCRIPT") KILL or SHUTDOWN NOSAVE."
    }

    /// FUNCTION STATS: the running function, if one runs, and the Lua engine's counts.
    func functionStats() -> RESPValue {
        let info = functionRun.withLock { $0 }
        let started = startedAt.load(ordering: .acquiring)
        var running = RESPValue.nullBulkString
        if started != 0, let command = info.command {
            running = .array([
                .bulk("name"), .bulk(info.name), .bulk("command"), .array(command.map { .bulkString($0.bytes) }),
                .bulk("duration_ms"), .integer((Self.monotonicNanoseconds() - started) / 1_000_000),
            ])
        }
        return .array([
            .bulk("running_script"), running,
            .bulk("engines"), .array([
                .bulk("LUA"), .array([
                    .bulk("libraries_count"), .integer(Int64(info.libraries)),
                    .bulk("functions_count"), .integer(Int64(info.functions)),
                ]),
            ]),
        ])
    }

    /// The reply a command gets without running, while a script is busy: BUSY, or SCRIPT KILL's
    /// answer, or the lookup and arity errors Redis checks first. Nil when it must wait for the lock.
    func replyWhileBusy(_ args: [ByteString], table: CommandTable) -> RESPValue? {
        guard isBusy, let name = args.first else { return nil }
        guard let parent = table.lookup(name) else { return .error(ServerState.unknownCommand(args).message) }
        var spec = parent
        if !parent.subcommands.isEmpty {
            guard args.count >= 2 else { return .error(RedisError.arity(parent.name).message) }
            guard let sub = table.lookupSubcommand(of: parent, args[1]) else {
                return .error(
                    "ERR unknown subcommand '\(ServerState.truncated(args[1]))'. Try \(parent.name.uppercased()) HELP.")
            }
            spec = sub
        }
        guard spec.argumentCountIsValid(args.count) else { return .error(RedisError.arity(spec.name).message) }
        if spec.name == "script|kill" { return kill() }
        if spec.name == "function|kill" { return kill(function: true) }
        if spec.name == "function|stats" { return functionStats() }
        // Other allow_busy commands (MULTI, WATCH, AUTH, …) wait for the script to end.
        if spec.flags.contains("allow_busy") { return nil }
        return .error(busyText(function: runsFunction))
    }

    /// Waits a little before trying the lock again: yields first, then sleeps briefly.
    static func backOff(_ attempt: Int) {
        if attempt < 64 { sched_yield() } else { usleep(attempt < 1000 ? 50 : 500) }
    }
}

/// What a script run tells FUNCTION STATS: for FCALL the function's name and the command that
/// called it; and the Lua engine's library and function counts.
public struct FunctionRunInfo: Sendable {
    public var name = ""
    /// The FCALL/FCALL_RO command line; nil for an EVAL script.
    public var command: [ByteString]?
    public var libraries = 0
    public var functions = 0

    public init(name: String = "", command: [ByteString]? = nil, libraries: Int = 0, functions: Int = 0) {
        self.name = name
        self.command = command
        self.libraries = libraries
        self.functions = functions
    }
}
