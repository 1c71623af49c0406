import RESP
import Synchronization
@testable import RedisSimulator

/// A simulator client that records its pushes and deferred replies, for messaging tests.
final class RecordingClient: Sendable {
    let client: SimulatorClient
    let simulator: Simulator
    private let received = Inbox()

    init(_ simulator: Simulator) {
        self.simulator = simulator
        client = simulator.connect()
        client.pushHandler = { [received] message in received.append(message) }
        client.deferredReplyHandler = { [received] message in received.append(message) }
    }

    /// Runs a command; multi-replies come back whole, a blocked command gives `.blocked`.
    @discardableResult
    func run(_ arguments: String...) -> ExecutionResult {
        simulator.execute(arguments.map { Array($0.utf8) }, for: client)
    }

    /// The single reply of a command (fails the pattern match for `.blocked`/`.replies`).
    func reply(_ arguments: String...) -> RESPValue? {
        if case .reply(let value) = simulator.execute(arguments.map { Array($0.utf8) }, for: client) { return value }
        return nil
    }

    /// Everything pushed or delivered late since the last call.
    func drain() -> [RESPValue] { received.drain() }
}

/// Messages received by a client, in arrival order.
final class Inbox: Sendable {
    private let messages = Mutex<[RESPValue]>([])
    func append(_ message: RESPValue) { messages.withLock { $0.append(message) } }
    func drain() -> [RESPValue] { messages.withLock { let all = $0; $0 = []; return all } }
}

/// A clock source tests move by hand.
final class ManualTime: Sendable {
    private let now: Mutex<Int64>
    init(_ start: Int64) { now = Mutex(start) }
    var milliseconds: Int64 { now.withLock { $0 } }
    func advance(_ delta: Int64) { now.withLock { $0 += delta } }
}

/// A simulator on a clock the test moves by hand.
func manualSimulator(start: Int64 = 1_700_000_000_000) -> Simulator {
    let time = ManualTime(start)
    return Simulator(clock: SimulatorClock(source: { time.milliseconds }))
}

func message(_ channel: String, _ payload: String) -> RESPValue {
    .array([.bulk("message"), .bulk(channel), .bulk(payload)])
}

func confirmation(_ kind: String, _ name: String?, _ count: Int64) -> RESPValue {
    .array([.bulk(kind), name.map { .bulk($0) } ?? .nullBulkString, .integer(count)])
}

/// Runs RPUSH from a client of its own, as another application would.
func rpush(_ simulator: Simulator, _ key: String, _ values: String...) {
    let writer = simulator.connect()
    _ = simulator.execute([Array("RPUSH".utf8), Array(key.utf8)] + values.map { Array($0.utf8) }, for: writer)
    simulator.disconnect(writer)
}
