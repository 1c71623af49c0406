import Foundation
import RESP
import RedisBackends
import RedisSimulator
import Testing

/// The built-in simulator behind the backend protocol: fresh servers, a clock it moves, and
/// commands it can stop.
@Suite struct SimulatorBackendTests {
    @Test func everyInstanceIsAFreshServerOfItsOwn() async throws {
        let backend = SimulatorBackend()
        let first = backend.makeInstance(limits: .none)
        let second = backend.makeInstance(limits: .none)
        let writer = try await first.connect()
        #expect(try await writer.send("SET", "k", "v") == .simpleString("OK"))
        #expect(try await second.connect().send("EXISTS", "k") == .integer(0))
        #expect(try await first.connect().send("GET", "k") == .bulkString(Array("v".utf8)))
        #expect(backend.makesFreshInstances)
    }

    @Test func theClockMovesAndKeysExpire() async throws {
        let server = SimulatorBackend()
        let client = try await server.connect()
        _ = try await client.send("SET", "k", "v", "PX", "1000")
        #expect(server.advanceClock(milliseconds: 1001))
        #expect(server.clockOffsetMilliseconds == 1001)
        #expect(try await client.send("EXISTS", "k") == .integer(0))
    }

    @Test func aFrozenClockStandsStill() async throws {
        let server = SimulatorBackend().makeInstance(limits: RedisInstanceLimits(frozenClockMilliseconds: 1_767_225_600_000))
        let client = try await server.connect()
        _ = try await client.send("SET", "k", "v", "PX", "5000")
        try await Task.sleep(for: .milliseconds(5))
        #expect(try await client.send("PTTL", "k") == .integer(5000))
    }

    @Test func aParkedCommandIsSeenAndInterruptedAndTheConnectionGoesOn() async throws {
        let server = SimulatorBackend()
        let client = try await server.connect()
        #expect(try await client.replyUnlessParked([Array("PING".utf8)]) == .simpleString("PONG"))
        let waiting = Task { try await client.send("BLPOP", "q", "0") }
        while client.isParked != true { await Task.yield() }
        #expect(await server.interrupt(client) == .stopped)
        #expect(try await waiting.value == .nullArray)
        #expect(try await client.send("PING") == .simpleString("PONG"))
        #expect(await server.interrupt(client) == .nothingRunning)
    }

    @Test func replyUnlessParkedAnswersNilForABlockedCommand() async throws {
        let client = try await SimulatorBackend().connect()
        #expect(try await client.replyUnlessParked(["BLPOP", "q", "0"].map { Array($0.utf8) }) == nil)
        await client.close()
    }

    @Test func aScriptBudgetAndASandboxReachScripts() async throws {
        let limits = RedisInstanceLimits(
            scriptTimeBudget: .milliseconds(100),
            scriptCommandRefusal: { words in String(decoding: words[0], as: UTF8.self).uppercased() == "FLUSHALL" ? "no FLUSHALL here" : nil })
        let client = try await SimulatorBackend().makeInstance(limits: limits).connect()
        let refused = try await client.send("EVAL", "return redis.call('FLUSHALL')", "0")
        #expect(refused.debugDescription.contains("no FLUSHALL here"), "\(refused.debugDescription)")
        let looped = try await client.send("EVAL", "while true do end", "0")
        #expect(looped.debugDescription.contains("time budget"), "\(looped.debugDescription)")
    }

    @Test func aScriptMemoryBudgetStopsATableGrownWithoutEnd() async throws {
        // The table lives in Lua's heap, never in the dataset, so maxmemory would not see it.
        let hog = "local t = {} for i = 1, 100000000 do t[i] = 'entry ' .. i end return #t"
        let bounded = try await SimulatorBackend().makeInstance(limits: RedisInstanceLimits(scriptMemoryBudget: 4 << 20)).connect()
        let stopped = try await bounded.send("EVAL", hog, "0")
        #expect(stopped.debugDescription.contains("Lua memory budget of 4194304 bytes"), "\(stopped.debugDescription)")
        // The server goes on, and a small script still runs.
        #expect(try await bounded.send("EVAL", "return #redis.call('PING')['ok']", "0") == .integer(4))
    }
}

/// Ctrl-C's way into a running script on the simulator: killed at once, or reported when it wrote.
/// The scripts run on threads of their own: one running on a cooperative thread would hold it,
/// and the machine may have only two for every test of the process.
@Suite(.serialized) struct SimulatorScriptInterruptTests {
    /// Runs `words` for `connection`'s client on a new thread and returns the reply.
    private func runOnThread(_ connection: any RedisConnection, _ words: String...) async throws -> RESPValue {
        let local = try #require(connection as? SimulatorConnection)
        return await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                let result = local.simulator.execute(words.map { Array($0.utf8) }, for: local.client)
                if case .reply(let reply) = result { continuation.resume(returning: reply) } else { continuation.resume(returning: .nullBulkString) }
            }
        }
    }

    @Test func aLoopingScriptIsKilledAtOnce() async throws {
        let server = SimulatorBackend().makeInstance(limits: RedisInstanceLimits(scriptTimeBudget: .seconds(120)))
        let client = try await server.connect()
        async let reply = runOnThread(client, "EVAL", "while true do end", "0")
        // Interrupt as soon as the script runs (a loaded process may start the thread late).
        var outcome = RedisInterruption.nothingRunning
        for _ in 0..<600 where outcome == .nothingRunning {
            try await Task.sleep(for: .milliseconds(100))
            outcome = await server.interrupt(client)
        }
        #expect(outcome == .stopped)
        #expect(try await reply.debugDescription.contains("killed by user"))
        #expect(try await client.send("PING") == .simpleString("PONG"))
    }

    @Test func aScriptThatWroteIsReportedAndItsBudgetEndsIt() async throws {
        let server = SimulatorBackend().makeInstance(limits: RedisInstanceLimits(scriptTimeBudget: .seconds(10)))
        let client = try await server.connect()
        async let reply = runOnThread(client, "EVAL", "redis.call('SET', 'k', 'v') while true do end", "0")
        // Asked as soon as the script runs: a loaded process may start its thread late (CI saw
        // `.nothingRunning` after a fixed 200 ms), and the budget only starts with the script.
        // Ten seconds of budget, as a loaded machine has held this loop up for over two.
        var outcome = RedisInterruption.nothingRunning
        for _ in 0..<600 where outcome == .nothingRunning {
            try await Task.sleep(for: .milliseconds(20))
            outcome = await server.interrupt(client)
        }
        guard case .unstoppable(let text) = outcome else {
            Issue.record("expected unstoppable, got \(outcome)")
            _ = try await reply
            return
        }
        #expect(text.contains("SHUTDOWN NOSAVE"))
        #expect(try await reply.debugDescription.contains("time budget"))
    }
}
