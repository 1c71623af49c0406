import Foundation
import Testing
import RESP
@testable import RedisSimulator
@testable import RedisScripting

/// A runaway script and a second client, in-process: BUSY, SCRIPT KILL, UNKILLABLE, the budget.
/// The second client connects before the script starts: connecting needs the lock the script holds.
@Suite struct ScriptKillTests {
    /// Starts `script` on a thread for client `a`; returns a box its reply lands in.
    private func start(_ simulator: Simulator, _ script: String) -> ReplyBox {
        let box = ReplyBox()
        let client = simulator.connect()
        Thread.detachNewThread {
            let result = simulator.execute([Array("EVAL".utf8), Array(script.utf8), Array("0".utf8)], for: client)
            box.set(result)
        }
        return box
    }

    private func busySimulator(thresholdMilliseconds: Int, _ engine: LuaScripting = LuaScripting()) -> Simulator {
        let simulator = Simulator()
        simulator.installScripting(engine)
        simulator.withLock { $0.config.values["busy-reply-threshold"] = String(thresholdMilliseconds) }
        return simulator
    }

    private func waitForBusy(_ simulator: Simulator) {
        for _ in 0..<500 where !simulator.state.scriptMonitor.isBusy { usleep(10_000) }
    }

    @Test func aLoopingReadOnlyScriptIsKilled() throws {
        let simulator = busySimulator(thresholdMilliseconds: 100)
        let script = "local i = 0\nwhile true do i = i + 1 end"
        let b = simulator.connect()
        let reply = start(simulator, script)
        waitForBusy(simulator)
        let busy = RESPValue.error("BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.")
        #expect(simulator.execute([Array("PING".utf8)], for: b) == .reply(busy))
        #expect(simulator.execute([Array("GET".utf8), Array("k".utf8)], for: b) == .reply(busy))
        #expect(simulator.execute([Array("SCRIPT".utf8), Array("KILL".utf8)], for: b) == .reply(.ok))
        let result = try #require(reply.wait(seconds: 10))
        #expect(result == .reply(.error(
            "ERR Script killed by user with SCRIPT KILL... script: \(SHA1.hex(Array(script.utf8))), on @user_script:2.")))
        #expect(simulator.execute([Array("PING".utf8)], for: b) == .reply(.simpleString("PONG")))
        #expect(simulator.execute([Array("SCRIPT".utf8), Array("KILL".utf8)], for: b)
            == .reply(.error("NOTBUSY No scripts in execution right now.")))
    }

    @Test func pcallCannotSwallowTheKill() throws {
        let simulator = busySimulator(thresholdMilliseconds: 50)
        let b = simulator.connect()
        let reply = start(simulator, "while true do pcall(function() while true do end end) end")
        waitForBusy(simulator)
        #expect(simulator.execute([Array("SCRIPT".utf8), Array("KILL".utf8)], for: b) == .reply(.ok))
        let result = try #require(reply.wait(seconds: 10))
        guard case .reply(.error(let text)) = result else { Issue.record("not an error: \(result)"); return }
        #expect(text.hasPrefix("ERR Script killed by user with SCRIPT KILL..."))
    }

    @Test func aScriptThatWroteIsUnkillableAndTheBudgetStopsIt() throws {
        let simulator = busySimulator(thresholdMilliseconds: 50, LuaScripting(timeBudget: .milliseconds(600)))
        let b = simulator.connect()
        let reply = start(simulator, "redis.call('SET','x','1') while true do end")
        waitForBusy(simulator)
        #expect(simulator.execute([Array("SCRIPT".utf8), Array("KILL".utf8)], for: b) == .reply(.error(
            "UNKILLABLE Sorry the script already executed write commands against the dataset. You can either wait the "
                + "script termination or kill the server in a hard way using the SHUTDOWN NOSAVE command.")))
        let result = try #require(reply.wait(seconds: 10))
        guard case .reply(.error(let text)) = result else { Issue.record("not an error: \(result)"); return }
        #expect(text.hasPrefix("ERR Script exceeded the time budget of 600 ms and was stopped script: "))
        #expect(simulator.execute([Array("GET".utf8), Array("x".utf8)], for: b) == .reply(.bulk("1")))
    }

    @Test func theTimeBudgetBoundsEveryScript() {
        let bench = ScriptBench(LuaScripting(timeBudget: .milliseconds(200)))
        let started = Date()
        guard case .error(let text) = bench.eval("while true do end") else { Issue.record("no error"); return }
        #expect(text.hasPrefix("ERR Script exceeded the time budget of 200 ms and was stopped"))
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(bench.eval("return 1") == .integer(1))
    }
}

/// A reply delivered from another thread.
final class ReplyBox: @unchecked Sendable {
    private let condition = NSCondition()
    private var result: ExecutionResult?

    func set(_ value: ExecutionResult) {
        condition.lock()
        result = value
        condition.broadcast()
        condition.unlock()
    }

    func wait(seconds: Double) -> ExecutionResult? {
        condition.lock()
        defer { condition.unlock() }
        let deadline = Date().addingTimeInterval(seconds)
        while result == nil, condition.wait(until: deadline) {}
        return result
    }
}
