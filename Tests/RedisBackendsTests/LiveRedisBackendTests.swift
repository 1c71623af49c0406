import LiveRedis
import RESP
import RedisBackends
import RedislingsTestSupport
import Testing

/// A real redis-server behind the backend protocol: one shared server, real time, and
/// SCRIPT KILL or a closed connection to stop what a client runs.
@Suite struct LiveRedisBackendTests {
    private func withServer(_ body: (LiveRedisBackend) async throws -> Void) async throws {
        guard RedisServerProcess.isInstalled else {
            print("skipped: redis-server is not installed")
            return
        }
        let server = try RedisServerProcess(extraArguments: ["--busy-reply-threshold", "50"])
        defer { server.stop() }
        try await body(LiveRedisBackend(url: RedisURL(host: "127.0.0.1", port: server.port, database: 2)))
    }

    /// Waits until the server answers BUSY: the script runs and is past the threshold.
    private func waitUntilBusy(_ backend: LiveRedisBackend) async throws {
        let probe = try await LiveRedisConnection.connect(to: RedisURL(host: backend.url.host, port: backend.url.port))
        defer { Task { await probe.close() } }
        // Bounded: a script that ended before the probe connected never makes the server BUSY.
        let deadline = ContinuousClock.now + .seconds(60)
        while try await !(probe.send("PING").debugDescription.contains("BUSY")) {
            guard ContinuousClock.now < deadline else {
                Issue.record("the server never answered BUSY while the script ran")
                return
            }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    @Test func anInstanceIsTheServerItselfOnRealTime() async throws {
        try await withServer { backend in
            #expect(!backend.makesFreshInstances)
            #expect(backend.makeInstance(limits: .none) === backend)
            #expect(backend.initialDatabase == 2)
            #expect(!backend.advanceClock(milliseconds: 1000))
            #expect(backend.clockOffsetMilliseconds == nil)
            #expect(backend.label == "redis://127.0.0.1:\(backend.url.port)/2")
        }
    }

    @Test func aRunawayScriptIsKilledAndTheServerAnswers() async throws {
        try await withServer { backend in
            let client = try await backend.connect()
            // Read-only, so SCRIPT KILL may stop it; bounded, so a failing test cannot leave the server busy.
            // 30 s: on a loaded machine reaching the kill can take seconds.
            let running = Task { try await client.send("EVAL", "local t = redis.call('TIME')[1] + 30 while redis.call('TIME')[1] + 0 < t do end", "0") }
            // Past busy-reply-threshold (50 ms), the server reads SCRIPT KILL.
            try await waitUntilBusy(backend)
            let outcome = await backend.interrupt(client)
            #expect(outcome == .stopped)
            #expect(try await running.value.debugDescription.contains("killed by user"))
            #expect(try await backend.connect().send("PING") == .simpleString("PONG"))
        }
    }

    @Test func aScriptThatWroteIsReportedAsUnstoppable() async throws {
        try await withServer { backend in
            let client = try await backend.connect()
            let running = Task { try await client.send("EVAL", "redis.call('SET', 'k', 'v') local t = redis.call('TIME')[1] + 20 while redis.call('TIME')[1] + 0 < t do end", "0") }
            // Past busy-reply-threshold (50 ms), the server reads SCRIPT KILL.
            try await waitUntilBusy(backend)
            let outcome = await backend.interrupt(client)
            guard case .unstoppable(let text) = outcome else {
                Issue.record("expected unstoppable, got \(outcome)")
                return
            }
            #expect(text.contains("SHUTDOWN NOSAVE"))
            _ = try await running.value
        }
    }

    @Test func aBlockedCommandIsStoppedByClosingItsConnection() async throws {
        try await withServer { backend in
            let client = try await backend.connect()
            #expect(client.isParked == nil)
            let waiting = Task { try? await client.send("BLPOP", "q", "0") }
            try await Task.sleep(for: .milliseconds(100))
            #expect(await backend.interrupt(client) == .connectionClosed)
            _ = await waiting.value
            #expect(try await backend.connect().send("PING") == .simpleString("PONG"))
        }
    }
}
