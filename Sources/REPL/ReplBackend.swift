import RESP
import RedisSimulator

/// What the REPL talks to: the built-in simulator (which it can reset and whose clock it can
/// advance) or a live Redis reached through a connection factory.
public final class ReplBackend: @unchecked Sendable {
    /// The name the prompt shows (`simulator`, or the live server's `host:port`).
    public let label: String
    private let makeSimulator: (@Sendable () -> Simulator)?
    private let makeLiveConnection: (@Sendable () async throws -> any RedisConnection)?
    /// The database a new connection starts in (a live URL may name one).
    public let initialDatabase: Int
    /// The current simulator, or nil on live Redis. `reset()` replaces it.
    public private(set) var simulator: Simulator?

    /// A backend on simulators made by `makeSimulator` (which installs scripting and so on).
    public init(simulator makeSimulator: @escaping @Sendable () -> Simulator) {
        label = "simulator"
        initialDatabase = 0
        self.makeSimulator = makeSimulator
        self.makeLiveConnection = nil
        simulator = makeSimulator()
    }

    /// A backend on a live Redis called `label`, reached by `connect`, whose connections start
    /// in `database`.
    public init(
        live label: String, database: Int = 0, connect: @escaping @Sendable () async throws -> any RedisConnection
    ) {
        self.label = label
        initialDatabase = database
        self.makeSimulator = nil
        self.makeLiveConnection = connect
        simulator = nil
    }

    /// True on the built-in simulator.
    public var isSimulator: Bool { simulator != nil }

    /// A new client connection.
    public func connect() async throws -> any RedisConnection {
        if let simulator { return SimulatorConnection(simulator) }
        guard let makeLiveConnection else { throw RedisConnectionError("no backend to connect to") }
        return try await makeLiveConnection()
    }

    /// Replaces the simulator with a fresh, empty one; false on live Redis.
    @discardableResult
    public func reset() -> Bool {
        guard let makeSimulator else { return false }
        simulator = makeSimulator()
        return true
    }
}
