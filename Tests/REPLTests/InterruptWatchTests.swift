import RESP
import RedisBackends
import Synchronization
import Testing
@testable import REPL

/// Ctrl-C on a live Redis closes the command's connection before `interrupt` returns: the
/// session must learn that the connection was closed on purpose, however late `interrupt` ends.
@Suite struct InterruptWatchTests {
    @Test func finishWaitsForAnInterruptionUnderWay() async throws {
        let backend = SlowInterruptBackend()
        let connection = try await backend.connect()
        let watch = InterruptWatch(connection, on: backend, output: BufferOutput())
        Interrupts.press()
        for _ in 0..<1_000 where !backend.hasStarted { try await Task.sleep(for: .milliseconds(5)) }
        #expect(backend.hasStarted)
        // The connection is closed now, and `interrupt` is still running.
        #expect(await watch.finish())
    }
}

/// The simulator, with an `interrupt` that closes the connection and then takes its time, as a
/// live Redis's does while it opens a fresh connection and checks the server.
private final class SlowInterruptBackend: RedisBackend {
    private let simulator = SimulatorBackend()
    private let started = Mutex(false)

    var hasStarted: Bool { started.withLock { $0 } }
    var label: String { simulator.label }
    var makesFreshInstances: Bool { simulator.makesFreshInstances }
    var initialDatabase: Int { simulator.initialDatabase }
    var clockOffsetMilliseconds: Int64? { simulator.clockOffsetMilliseconds }

    func connect() async throws(RedisConnectionError) -> any RedisConnection { try await simulator.connect() }
    func makeInstance(limits: RedisInstanceLimits) -> any RedisBackend { simulator.makeInstance(limits: limits) }
    func advanceClock(milliseconds: Int64) -> Bool { simulator.advanceClock(milliseconds: milliseconds) }
    func close() async { await simulator.close() }

    func interrupt(_ connection: any RedisConnection) async -> RedisInterruption {
        await connection.close()
        started.withLock { $0 = true }
        try? await Task.sleep(for: .milliseconds(300))
        return .connectionClosed
    }
}
