import Foundation
import Testing
import RESP
@testable import RedisSimulator
@testable import RedisScripting

/// Scripts that try to crash, hang or exhaust the engine: each is answered or stopped, and the
/// engine serves the next script unharmed. Redis's own answers are in Differential/hostile.cases.
@Suite struct HostileScriptTests {
    @Test func bitToHexOfTheMostNegativeCountAnswersAsRedis() {
        // Debian's lua-bitop segfaults here; Redis 7.0.15 answers eight upper-case digits.
        let bench = ScriptBench()
        #expect(bench.eval("return bit.tohex(-1, -2^31)") == .bulk("FFFFFFFF"))
        #expect(bench.eval("return bit.tohex(-1, 2^31 - 1)") == .bulk("ffffffff"))
    }

    @Test func aDumpedFunctionDoesNotLoad() {
        let bench = ScriptBench()
        let script = "return loadstring(string.dump(function() return 7 end))()"
        #expect(bench.eval(script) == ScriptBench.raised("ERR user_script:1: attempt to call a nil value", script))
    }

    @Test func aDumpedChunkIsNotAScriptBody() throws {
        let bench = ScriptBench()
        guard case .bulkString(let chunk) = bench.eval("return string.dump(function() return 7 end)") else {
            Issue.record("string.dump gave no chunk")
            return
        }
        #expect(chunk.first == 0x1B)
        let reply = bench.run(bytes: [Array("EVAL".utf8), chunk, Array("0".utf8)])
        #expect(reply == .error("ERR Error compiling script (new function): user_script:1: unexpected symbol near 'char(27)'"))
        #expect(bench.run(bytes: [Array("SCRIPT".utf8), Array("LOAD".utf8), chunk]) == reply)
    }

    @Test func theStringMetatableCannotBeChangedForOthers() {
        let bench = ScriptBench()
        #expect(bench.eval("getmetatable('').__index.upper = nil")
            == ScriptBench.raised("ERR user_script:1: Attempt to modify a readonly table", "getmetatable('').__index.upper = nil"))
        #expect(bench.eval("getmetatable('').__index = {}")
            == ScriptBench.raised("ERR user_script:1: Attempt to modify a readonly table", "getmetatable('').__index = {}"))
        #expect(bench.eval("rawset(getmetatable(''), '__index', {})")
            == ScriptBench.raised("ERR Attempt to modify a readonly table", "rawset(getmetatable(''), '__index', {})"))
        #expect(bench.eval("return ('abc'):upper() .. string.upper('d')") == .bulk("ABCD"))
    }

    @Test func mathRandomReadsItsBoundAsACInt() {
        let bench = ScriptBench()
        let script = "return math.random(2^40)"
        #expect(bench.eval(script) == ScriptBench.raised("ERR user_script:1: bad argument #1 to 'random' (interval is empty)", script))
    }

    @Test func xreadBlockInsideAScriptAnswersRedisError() {
        let bench = ScriptBench()
        #expect(bench.eval("return redis.pcall('xread', 'block', 0, 'streams', 'x', '$')")
            == .error("ERR xread command is not allowed with BLOCK option from scripts"))
    }

    @Test func aTableInsertAtTwoToThe31IsStoppedByTheTimeBudget() {
        // Redis runs this for minutes inside C, where its hook never fires.
        let bench = ScriptBench(LuaScripting(timeBudget: .milliseconds(200)))
        guard case .error(let text) = bench.eval("return table.insert({}, 2^31, 1)") else { Issue.record("no error"); return }
        #expect(text.hasPrefix("ERR Script exceeded the time budget of 200 ms and was stopped script: "))
        #expect(bench.eval("local t = {} table.insert(t, 'a') table.insert(t, 1, 'b') return t") == .array([.bulk("b"), .bulk("a")]))
    }

    @Test func aTableInsertLoopIsStoppedBySCRIPTKILL() throws {
        let simulator = Simulator()
        simulator.installScripting(LuaScripting())
        simulator.withLock { $0.config.values["busy-reply-threshold"] = "50" }
        let other = simulator.connect()
        let box = ReplyBox()
        let client = simulator.connect()
        Thread.detachNewThread {
            box.set(simulator.execute([Array("EVAL".utf8), Array("return table.insert({}, 2^31, 1)".utf8), Array("0".utf8)], for: client))
        }
        for _ in 0..<500 where !simulator.state.scriptMonitor.isBusy { usleep(10_000) }
        #expect(simulator.execute([Array("SCRIPT".utf8), Array("KILL".utf8)], for: other) == .reply(.ok))
        let result = try #require(box.wait(seconds: 30))
        guard case .reply(.error(let text)) = result else { Issue.record("not an error: \(result)"); return }
        #expect(text.hasPrefix("ERR Script killed by user with SCRIPT KILL..."))
    }

    @Test func stringRepReadsItsCountAsACIntAndSkipsEmptyWork() {
        let bench = ScriptBench()
        #expect(bench.eval("return string.len(string.rep('x', 2^31))") == .integer(0))
        #expect(bench.eval("return string.len(string.rep('x', 2^32 + 3))") == .integer(3))
        #expect(bench.eval("return string.rep('', 2^31 - 1)") == .bulk(""))
    }

    @Test func aHugeStringRepIsStoppedByTheMemoryBudget() {
        let bench = ScriptBench(LuaScripting(memoryBudget: 8 << 20))
        #expect(bench.eval("return string.len(string.rep('x', 2^31 - 1))")
            == .error("ERR Script exceeded the Lua memory budget of 8388608 bytes and was stopped"))
        #expect(bench.eval("return string.rep('ab', 2)") == .bulk("abab"))
    }

    @Test func aScriptThatAllocatesWithoutEndIsStoppedAndItsMemoryGivenBack() throws {
        let engine = LuaScripting(memoryBudget: 16 << 20)
        let bench = ScriptBench(engine)
        let before = engine.memoryInUse
        let stop = RESPValue.error("ERR Script exceeded the Lua memory budget of 16777216 bytes and was stopped")
        #expect(bench.eval("local t = {} local i = 0 while true do i = i + 1 t[i] = 'item' .. i end") == stop)
        // pcall cannot swallow the stop: the script is stopped at its next step.
        #expect(bench.eval("local t = {} pcall(function() while true do t[#t + 1] = {} end end) return 'escaped'") == stop)
        #expect(engine.memoryInUse < before + (1 << 20))
        #expect(bench.eval("return #string.rep('x', 1000)") == .integer(1000))
    }

    @Test func repliesFromRedisCallMayPassTheBudgetButTheScriptThenStops() {
        let engine = LuaScripting(memoryBudget: 4 << 20)
        let bench = ScriptBench(engine)
        #expect(bench.run("SET", "big", String(repeating: "v", count: 3 << 20)) == .ok)
        #expect(bench.eval("local a = redis.call('GET', 'big') local b = redis.call('GET', 'big') return #(a .. b)")
            == .error("ERR Script exceeded the Lua memory budget of 4194304 bytes and was stopped"))
        #expect(bench.eval("return #redis.call('GET', 'big')") == .integer(3 << 20))
    }

    @Test func aPathologicalPatternIsStoppedByTheTimeBudget() {
        // Lua's matcher backtracks inside C: this runs for longer than anyone waits, in Redis too.
        let bench = ScriptBench(LuaScripting(timeBudget: .milliseconds(200)))
        let script = "return string.find(string.rep('a', 3000), '.-.-.-.-.-.-b')"
        guard case .error(let text) = bench.eval(script) else { Issue.record("no error"); return }
        #expect(text.hasPrefix("ERR Script exceeded the time budget of 200 ms and was stopped script: "))
        #expect(bench.eval("return {string.find('hello', 'l+')}") == .array([.integer(3), .integer(4)]))
    }

    @Test func aPatternTooDeepForTheCStackIsRefused() {
        let bench = ScriptBench()
        let script = "return string.find(string.rep('a', 5000), string.rep('a?', 5000))"
        #expect(bench.eval(script) == ScriptBench.raised("ERR user_script:1: pattern too complex", script))
    }
}
