import RESP
import RedisSimulator
import RedisScripting

/// Where a case runs: a fresh simulator, or the shared real redis-server.
public protocol DifferentialBackend: Sendable {
    /// A short name for messages (`simulator`, `redis`).
    var name: String { get }
    /// A new client connection.
    func connect() async throws -> any RedisConnection
    /// Lets `milliseconds` pass (really, or by advancing a clock).
    func sleep(milliseconds: Int64) async
    /// How long RECV waits for a message before reporting that nothing arrived.
    var receiveTimeoutMilliseconds: Int64 { get }
}

/// A fresh in-process simulator, with Lua scripting installed.
public final class SimulatorBackend: DifferentialBackend {
    /// The simulator the case runs on.
    public let simulator: Simulator

    public init() {
        simulator = Simulator()
        simulator.installScripting(LuaScripting())
    }

    public var name: String { "simulator" }
    public var receiveTimeoutMilliseconds: Int64 { 300 }

    public func connect() async throws -> any RedisConnection { SimulatorConnection(simulator) }

    public func sleep(milliseconds: Int64) async { simulator.advance(milliseconds: milliseconds) }
}
