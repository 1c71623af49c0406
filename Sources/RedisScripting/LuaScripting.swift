#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CLua
import CLuaSandbox
import RESP
import RedisSimulator

/// EVAL, EVALSHA, EVAL_RO, EVALSHA_RO and SCRIPT for the simulator, on the system's Lua 5.1
/// (the version Redis embeds), behaving as Redis 7.0: one Lua state per simulator, scripts
/// cached by SHA1, Redis's sandbox, conversions and error texts.
///
/// The simulator calls it with its lock held, so a script is atomic; `redis.call` re-enters
/// the simulator's dispatch through `ScriptRun`. A script that runs too long is stopped by a
/// count hook: on SCRIPT KILL (read-only scripts), or when `timeBudget` has passed. A script
/// that allocates past `memoryBudget` is stopped too.
public final class LuaScripting: ScriptingEngine {
    /// The longest any one script may run before it is stopped with an error, whatever it
    /// did; nil leaves scripts unbounded, as in Redis (grading sets one).
    public let timeBudget: Duration?
    /// The most memory the Lua state may hold while a script runs, in bytes, before the script
    /// is stopped with an error; nil leaves it unbounded, as in Redis (grading and the REPL set one).
    public let memoryBudget: Int?
    /// Receives `redis.log` lines with their level (0 debug … 3 warning); nil drops them.
    public var logHandler: ((Int, String) -> Void)?
    /// Refuses commands a script sends through `redis.call`/`pcall`: returns why (the error
    /// reply's text, without its code) or nil to let the command run. Graded exercises use it to
    /// keep their sandbox inside scripts too.
    public var commandFilter: (@Sendable ([ByteString]) -> String?)?

    /// EVAL's Lua state, built when a script first needs it: every exercise run and graded
    /// answer gets a fresh engine, most never run a script, and building the two states was
    /// most of the cost of a fresh simulator. Assigning nil closes it; the next use builds a
    /// new one.
    var sandbox: LuaSandbox! {
        get {
            if builtSandbox == nil { builtSandbox = makeSandbox() }
            return builtSandbox
        }
        set { builtSandbox = newValue }
    }
    private var builtSandbox: LuaSandbox?
    /// The Functions state (FUNCTION LOAD, FCALL), apart from EVAL's so SCRIPT FLUSH keeps it;
    /// built, like EVAL's, when first needed.
    var functionSandbox: LuaSandbox! {
        get {
            if builtFunctionSandbox == nil { builtFunctionSandbox = makeSandbox(functions: true, limits: functionLimits) }
            return builtFunctionSandbox
        }
        set { builtFunctionSandbox = newValue }
    }
    private var builtFunctionSandbox: LuaSandbox?
    /// Loaded libraries, in the order they were loaded.
    var libraries: [FunctionLibrary] = []
    /// The Functions state's allocator count and budgets (same budgets as EVAL's).
    let functionLimits: UnsafeMutablePointer<redislings_lua_limits>
    /// The text a library's top-level code gets when it runs past 500 ms at FUNCTION LOAD.
    let loadTimeoutMessage: UnsafeMutablePointer<CChar>
    /// Script bodies by lowercase SHA1, and whether each declared flags (`#!lua …`).
    var scripts: [String: CompiledScript] = [:]
    var random = Lrand48()
    /// The invocation in progress, while a script runs.
    var currentRun: ScriptRun?
    /// Monotonic nanoseconds after which the running script is stopped (timeBudget).
    var deadline: Int64 = .max
    var callsSinceCollection = 0
    /// The Lua state's allocator count, budgets and stop messages, shared with the C side.
    let limits: UnsafeMutablePointer<redislings_lua_limits>

    /// Instructions between two checks of the kill flag and the time budget (Redis's figure).
    static let hookInterval: Int32 = 100_000

    /// Creates the engine; install it with `Simulator.installScripting`.
    public init(timeBudget: Duration? = nil, memoryBudget: Int? = nil) {
        self.timeBudget = timeBudget
        let memoryBudget = memoryBudget.map { max(1, $0) }
        self.memoryBudget = memoryBudget
        limits = .allocate(capacity: 1)
        let budgetText = timeBudget.map { "ERR Script exceeded the time budget of \(Self.milliseconds($0)) ms and was stopped" }
            ?? "ERR Script exceeded the time budget and was stopped"
        let memoryText = "ERR Script exceeded the Lua memory budget of \(memoryBudget ?? 0) bytes and was stopped"
        limits.initialize(to: redislings_lua_limits(
            L: nil, memory_budget: memoryBudget ?? 0, memory_used: 0, enforcing: 0, memory_exceeded: 0,
            check: nil, context: nil,
            killed_message: strdup("ERR Script killed by user with SCRIPT KILL..."),
            budget_message: strdup(budgetText),
            memory_message: strdup(memoryText)))
        functionLimits = .allocate(capacity: 1)
        functionLimits.initialize(to: limits.pointee)
        loadTimeoutMessage = strdup("ERR FUNCTION LOAD timeout")
        for state in [limits, functionLimits] {
            state.pointee.context = Unmanaged.passUnretained(self).toOpaque()
            state.pointee.check = { context in
                let engine = Unmanaged<LuaScripting>.fromOpaque(context!).takeUnretainedValue()
                return engine.interruption()
            }
        }
    }

    deinit {
        sandbox = nil
        functionSandbox = nil
        free(loadTimeoutMessage)
        functionLimits.deallocate()
        free(UnsafeMutableRawPointer(mutating: limits.pointee.killed_message))
        free(UnsafeMutableRawPointer(mutating: limits.pointee.budget_message))
        free(UnsafeMutableRawPointer(mutating: limits.pointee.memory_message))
        limits.deallocate()
    }

    /// The Lua version the engine runs, as Lua reports it.
    public static var luaVersion: String { LUA_VERSION }

    /// Libraries Redis provides that this machine lacks (their Debian package is not installed).
    public var missingLibraries: [String] { sandbox.missingLibraries }

    public func run(_ context: CommandContext) throws(RedisError) -> RESPValue {
        switch context.spec.name {
        case "eval": return try eval(context, bySHA: false, readOnly: false)
        case "eval_ro": return try eval(context, bySHA: false, readOnly: true)
        case "evalsha": return try eval(context, bySHA: true, readOnly: false)
        case "evalsha_ro": return try eval(context, bySHA: true, readOnly: true)
        case "script|load":
            return .bulk(try compile(context.args[2]))
        case "script|exists":
            return .array(context.args.dropFirst(2).map { .integer(scripts[Self.lowercased($0)] == nil ? 0 : 1) })
        case "script|flush":
            return try flush(context)
        case "fcall", "fcall_ro":
            return try runFunctionCommand(context)
        case let name where name.hasPrefix("function|"):
            return try runFunctionCommand(context)
        default:
            throw RedisError.unknownScriptingCommand(context.spec.name)
        }
    }

    private func flush(_ context: CommandContext) throws(RedisError) -> RESPValue {
        if context.count == 3 {
            let mode = context.args[2].string.lowercased()
            guard mode == "sync" || mode == "async" else { throw RedisError.scriptFlushMode }
        } else if context.count != 2 {
            throw RedisError.scriptFlushMode
        }
        scripts = [:]
        // The old state is closed now, its blocks counted off the shared allocator count; the
        // next script builds a new one.
        sandbox = nil
        return .ok
    }

    /// Whether the running script must stop: for SCRIPT KILL, or at the time budget.
    func interruption() -> Int32 {
        currentRun?.serveWaitingClients()
        if currentRun?.killRequested == true { return Int32(REDISLINGS_KILLED) }
        if deadline != .max, ScriptMonitor.monotonicNanoseconds() >= deadline { return Int32(REDISLINGS_OUT_OF_TIME) }
        return Int32(REDISLINGS_GO_ON)
    }

    /// Bytes the Lua states hold now (scripts, libraries and whatever scripts left behind).
    public var memoryInUse: Int { limits.pointee.memory_used + functionLimits.pointee.memory_used }

    static func milliseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }

    static func lowercased(_ value: ByteString) -> String {
        String(decoding: value.bytes.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }, as: UTF8.self)
    }
}
