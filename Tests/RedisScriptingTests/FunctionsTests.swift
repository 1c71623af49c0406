import Foundation
import Testing
import RESP
@testable import RedisSimulator
@testable import RedisScripting

/// Functions without a redis-server: the dump format against a payload redis-server 7.0.15
/// wrote, and what SCRIPT FLUSH and the two sandboxes leave to each other.
@Suite struct FunctionsTests {
    /// `FUNCTION DUMP` from redis-server 7.0.15 after loading a one-function library.
    static let redisDump: [UInt8] = [0xF5, 0x40, 0x47] + Array("#!lua name=mylib\nredis.register_function('f2', function() return 2 end)".utf8)
        + [0x0A, 0x00, 0x74, 0xA4, 0xA0, 0xF3, 0x89, 0xD6, 0x33, 0x0C]

    @Test func ourDumpIsRedisDumpByteForByte() {
        let bench = ScriptBench()
        #expect(bench.run("FUNCTION", "LOAD", "#!lua name=mylib\nredis.register_function('f2', function() return 2 end)") == .bulk("mylib"))
        #expect(bench.run("FUNCTION", "DUMP") == .bulkString(Self.redisDump))
    }

    @Test func aDamagedPayloadIsRefused() {
        let bench = ScriptBench()
        var damaged = Self.redisDump
        damaged[10] ^= 1
        #expect(bench.run(bytes: [Array("FUNCTION".utf8), Array("RESTORE".utf8), damaged])
            == .error("ERR DUMP payload version or checksum are wrong"))
        #expect(bench.run(bytes: [Array("FUNCTION".utf8), Array("RESTORE".utf8), Self.redisDump]) == .ok)
        #expect(bench.run("FCALL", "f2", "0") == .integer(2))
    }

    @Test func functionsSurviveScriptFlushAndKeepTheirOwnState() {
        let bench = ScriptBench()
        #expect(bench.run("FUNCTION", "LOAD", "#!lua name=c\nlocal n = 0 redis.register_function('count', function() n = n + 1 return n end)") == .bulk("c"))
        #expect(bench.run("FCALL", "count", "0") == .integer(1))
        #expect(bench.run("SCRIPT", "FLUSH") == .ok)
        #expect(bench.run("FCALL", "count", "0") == .integer(2))
        #expect(bench.run("FUNCTION", "FLUSH") == .ok)
        #expect(bench.run("FCALL", "count", "0") == .error("ERR Function not found"))
    }

    /// Neither Lua state exists until something needs it (a fresh simulator per graded answer
    /// must not pay for two), and each flush closes its own state, which the next use rebuilds.
    @Test func luaStatesAreBuiltWhenFirstNeededAndClosedByTheirFlush() throws {
        let engine = LuaScripting()
        let bench = ScriptBench(engine)
        #expect(engine.memoryInUse == 0)
        #expect(bench.run("PING") == .simpleString("PONG"))
        #expect(engine.memoryInUse == 0)
        #expect(bench.run("EVAL", "return 7", "0") == .integer(7))
        let withScripts = engine.memoryInUse
        #expect(withScripts > 0)
        #expect(bench.run("FUNCTION", "LOAD", "#!lua name=lazy\nredis.register_function('f', function() return 3 end)") == .bulk("lazy"))
        #expect(engine.memoryInUse > withScripts)
        #expect(bench.run("SCRIPT", "FLUSH") == .ok)
        #expect(bench.run("FUNCTION", "FLUSH") == .ok)
        #expect(engine.memoryInUse == 0)
        #expect(bench.run("EVAL", "return 8", "0") == .integer(8))
        #expect(bench.run("FUNCTION", "LOAD", "#!lua name=lazy\nredis.register_function('f', function() return 4 end)") == .bulk("lazy"))
        #expect(bench.run("FCALL", "f", "0") == .integer(4))
    }

    /// A function that may write is refused before it runs, as Redis's processCommand refuses a
    /// write command: counted as a rejected call of FCALL, not a failed one.
    @Test func aWritingFunctionWithoutGoodReplicasIsARejectedCall() {
        let bench = ScriptBench()
        #expect(bench.run("FUNCTION", "LOAD", "#!lua name=w\nredis.register_function('wr', function(keys) return redis.call('SET', keys[1], 1) end)") == .bulk("w"))
        #expect(bench.run("CONFIG", "SET", "min-replicas-to-write", "1") == .ok)
        #expect(bench.run("FCALL_RO", "wr", "1", "k") == .error("NOREPLICAS Not enough good replicas to write."))
        guard case .bulkString(let info) = bench.run("INFO", "commandstats") else {
            Issue.record("INFO commandstats answered no text")
            return
        }
        #expect(String(decoding: info, as: UTF8.self).contains("cmdstat_fcall_ro:calls=0,usec=0,usec_per_call=0.00,rejected_calls=1,failed_calls=0\r\n"))
    }

    @Test func aLibraryThatAllocatesWithoutEndIsStoppedAtLoad() {
        let bench = ScriptBench(LuaScripting(memoryBudget: 8 << 20))
        #expect(bench.run("FUNCTION", "LOAD", "#!lua name=greedy\nlocal t = {} for i = 1, 1e9 do t[i] = i end")
            == .error("ERR Script exceeded the Lua memory budget of 8388608 bytes and was stopped"))
        #expect(bench.run("FUNCTION", "LIST") == .array([]))
    }

    @Test func aBusyFunctionIsSeenByStatsAndKilledByFunctionKill() throws {
        let simulator = Simulator()
        simulator.installScripting(LuaScripting())
        simulator.withLock { $0.config.values["busy-reply-threshold"] = "50" }
        let other = simulator.connect()
        let client = simulator.connect()
        func run(_ words: String..., as who: SimulatorClient) -> ExecutionResult {
            simulator.execute(words.map { Array($0.utf8) }, for: who)
        }
        #expect(run("FUNCTION", "LOAD", "#!lua name=spin\nredis.register_function('spin', function() while true do end end)", as: other)
            == .reply(.bulk("spin")))
        let box = ReplyBox()
        Thread.detachNewThread {
            box.set(simulator.execute([Array("FCALL".utf8), Array("spin".utf8), Array("0".utf8)], for: client))
        }
        for _ in 0..<500 where !simulator.state.scriptMonitor.isBusy { usleep(10_000) }
        #expect(run("PING", as: other) == .reply(.error("BUSY Redis is busy running a script. You can only call FUNCTION KILL or SHUTDOWN NOSAVE.")))
        #expect(run("SCRIPT", "KILL", as: other) == .reply(.error("BUSY Redis is busy running a script. You can only call FUNCTION KILL or SHUTDOWN NOSAVE.")))
        guard case .reply(.array(let stats)) = run("FUNCTION", "STATS", as: other), stats.count == 4,
              case .array(let running) = stats[1], running.count == 6 else {
            Issue.record("FUNCTION STATS shows no running function")
            return
        }
        #expect(Array(running[0...3]) == [.bulk("name"), .bulk("spin"), .bulk("command"), .array([.bulk("FCALL"), .bulk("spin"), .bulk("0")])])
        #expect(run("FUNCTION", "KILL", as: other) == .reply(.ok))
        let result = try #require(box.wait(seconds: 30))
        #expect(result == .reply(.error("ERR Script killed by user with SCRIPT KILL... script: spin, on @user_function:2.")))
        #expect(run("PING", as: other) == .reply(.simpleString("PONG")))
    }
}
