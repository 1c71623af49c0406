import RESP
import RedisScripting
import RedisSimulator

/// The built-in Redis 7.0, in this process, with Lua scripting: every instance a new, empty
/// server whose clock `advanceClock` moves.
public final class SimulatorBackend: RedisBackend {
    /// The server this backend's connections reach.
    public let simulator: Simulator
    private let makeClock: @Sendable () -> SimulatorClock

    /// A new, empty simulator under `limits`, on clocks made by `makeClock` (real time unless a
    /// test gives its own; `limits.frozenClockMilliseconds` overrides it).
    public init(limits: RedisInstanceLimits = .none, makeClock: @escaping @Sendable () -> SimulatorClock = { SimulatorClock() }) {
        self.makeClock = makeClock
        let clock = limits.frozenClockMilliseconds.map { now in SimulatorClock(source: { now }) } ?? makeClock()
        let scripting = LuaScripting(timeBudget: limits.scriptTimeBudget, memoryBudget: limits.scriptMemoryBudget)
        if let refusal = limits.scriptCommandRefusal {
            scripting.commandFilter = { arguments in refusal(arguments.prefix(2).map(\.bytes)) }
        }
        simulator = .withLua(clock: clock, scripting: scripting)
    }

    public var label: String { "simulator" }
    public var makesFreshInstances: Bool { true }
    public var initialDatabase: Int { 0 }

    public func connect() async throws(RedisConnectionError) -> any RedisConnection {
        SimulatorConnection(simulator)
    }

    public func makeInstance(limits: RedisInstanceLimits) -> any RedisBackend {
        SimulatorBackend(limits: limits, makeClock: makeClock)
    }

    public func advanceClock(milliseconds: Int64) -> Bool {
        simulator.advance(milliseconds: milliseconds)
        return true
    }

    public var clockOffsetMilliseconds: Int64? { simulator.clock.offsetMilliseconds }

    /// A running script is killed as SCRIPT KILL does, without waiting for it to turn busy; a
    /// parked client is unblocked as CLIENT UNBLOCK does (its command answers nil). The script
    /// comes first: it holds the simulator's lock, which asking about blocked clients takes.
    /// A script that starts between the kill and the look at blocked clients holds the lock
    /// the look needs: the look does not wait for it (that would last the script's whole run)
    /// but goes back to the kill.
    public func interrupt(_ connection: any RedisConnection) async -> RedisInterruption {
        guard let local = connection as? SimulatorConnection else {
            return RedisInterruption(scriptKillReply: simulator.killRunningScript())
        }
        while true {
            let killed = RedisInterruption(scriptKillReply: simulator.killRunningScript())
            guard killed == .nothingRunning else { return killed }
            guard let blocked = simulator.isBlockedIfFree(local.client) else {
                guard (try? await Task.sleep(for: .milliseconds(1))) != nil else { return .nothingRunning }
                continue
            }
            guard blocked else { return .nothingRunning }
            break
        }
        let admin = simulator.connect()
        defer { simulator.disconnect(admin) }
        _ = simulator.execute(["CLIENT", "UNBLOCK", String(local.client.id)].map { Array($0.utf8) }, for: admin)
        return .stopped
    }

    public func close() async {}
}
