#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import RESP
import Synchronization

/// What other clients may see of a running script without taking the simulator's lock, which
/// the script holds, and the queue of work they leave for it: whether one runs, since when,
/// whether SCRIPT KILL was asked and whether it already wrote.
///
/// Redis serves other clients from the script's hook once the script has run past
/// `busy-reply-threshold` (processEventsWhileBlocked); here too: a client that finds the lock
/// held by a script leaves a `ScriptWaiter`, which the hook runs under the lock it holds once
/// the script is busy, and which is told to retry when the script ends first.
public final class ScriptMonitor: Sendable {
    /// Monotonic nanoseconds when the running script started; 0 when none runs.
    private let startedAt = Atomic<Int64>(0)
    /// `busy-reply-threshold` in milliseconds, read when the script started (0: busy at once).
    private let threshold = Atomic<Int64>(5000)
    private let killFlag = Atomic<Bool>(false)
    private let dirtyFlag = Atomic<Bool>(false)
    private let queue = Mutex(WaiterQueue())
    /// What FUNCTION STATS shows while a script runs: the running function (nil for an EVAL
    /// script) and the library and function counts when it started.
    private let functionRun = Mutex<FunctionRunInfo>(FunctionRunInfo())

    private struct WaiterQueue {
        var running = false
        var waiters: [ScriptWaiter] = []
    }

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
        queue.withLock { $0.running = true }
    }

    /// Ends the run; every waiter the script did not serve is told to try again.
    func end() {
        let unserved = queue.withLock { queue in
            queue.running = false
            defer { queue.waiters.removeAll() }
            return queue.waiters
        }
        startedAt.store(0, ordering: .releasing)
        killFlag.store(false, ordering: .relaxed)
        for waiter in unserved { waiter.afterScript() }
    }

    func markDirty() { dirtyFlag.store(true, ordering: .relaxed) }

    /// True while a script runs.
    public var isRunning: Bool { startedAt.load(ordering: .acquiring) != 0 }

    /// True once SCRIPT KILL (or a shutdown) asked the running script to stop.
    public var killRequested: Bool { killFlag.load(ordering: .relaxed) }

    /// True when a script has run past `busy-reply-threshold`: other clients get BUSY.
    public var isBusy: Bool {
        let started = startedAt.load(ordering: .acquiring)
        guard started != 0 else { return false }
        return (Self.monotonicNanoseconds() - started) / 1_000_000 >= threshold.load(ordering: .relaxed)
    }

    /// Leaves `waiter` for the running script; false when no script runs (any more), so the
    /// caller should simply try the lock again.
    public func enqueue(_ waiter: ScriptWaiter) -> Bool {
        queue.withLock { queue in
            guard queue.running else { return false }
            queue.waiters.append(waiter)
            return true
        }
    }

    /// Called from the script's hook, under the lock: once the script is busy, runs the work
    /// other clients left, as Redis processes events while a script is timed out.
    func serveWaiters(_ state: ServerState) {
        guard isBusy else { return }
        let waiting = queue.withLock { queue in
            defer { queue.waiters.removeAll() }
            return queue.waiters
        }
        guard !waiting.isEmpty else { return }
        let access = ScriptBusyAccess(state: state)
        var kept: [ScriptWaiter] = []
        for waiter in waiting {
            if let whileBusy = waiter.whileBusy { whileBusy(access) } else { kept.append(waiter) }
        }
        if !kept.isEmpty { queue.withLock { $0.waiters.insert(contentsOf: kept, at: 0) } }
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

    /// Stops the running script even if it wrote, as a server shutting down does.
    public func abort() {
        if isRunning { killFlag.store(true, ordering: .relaxed) }
    }

    /// Waits a little before trying the lock again: yields first, then sleeps briefly.
    static func backOff(_ attempt: Int) {
        if attempt < 64 { sched_yield() } else { usleep(attempt < 1000 ? 50 : 500) }
    }
}

/// Work a client needs done while a script holds the simulator's lock.
public struct ScriptWaiter: Sendable {
    /// Runs at the script's hook, under the lock, once the script is busy; nil for work that
    /// must wait for the script to end.
    let whileBusy: (@Sendable (ScriptBusyAccess) -> Void)?
    /// Called when the script ended before serving this waiter: try again. It runs on the
    /// script's thread with the lock still held, so it must hand its work elsewhere.
    let afterScript: @Sendable () -> Void

    /// A waiter; see the properties.
    public init(
        whileBusy: (@Sendable (ScriptBusyAccess) -> Void)?, afterScript: @escaping @Sendable () -> Void
    ) {
        self.whileBusy = whileBusy
        self.afterScript = afterScript
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
