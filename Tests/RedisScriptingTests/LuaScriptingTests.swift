import Testing
import RESP
import RedisSimulator
@testable import RedisScripting

/// Replies checked against redis-server 7.0.15 (each expected value was read from it).
@Suite struct LuaConversionTests {
    let bench = ScriptBench()

    @Test func luaValuesBecomeReplies() {
        #expect(bench.eval("return 3.99") == .integer(3))
        #expect(bench.eval("return -2.7") == .integer(-2))
        #expect(bench.eval("return 1/0") == .integer(.min))
        #expect(bench.eval("return 0/0") == .integer(.min))
        #expect(bench.eval("return true") == .integer(1))
        #expect(bench.eval("return false") == .nullBulkString)
        #expect(bench.eval("return nil") == .nullBulkString)
        #expect(bench.eval("return 'x'") == .bulk("x"))
        #expect(bench.eval("return {1,2,3,'a',nil,4}") == .array([.integer(1), .integer(2), .integer(3), .bulk("a")]))
        #expect(bench.eval("return {1.9, -2.7, true, false, {1,{2}}}")
            == .array([.integer(1), .integer(-2), .integer(1), .nullBulkString, .array([.integer(1), .array([.integer(2)])])]))
        #expect(bench.eval("return {ok='fine'}") == .simpleString("fine"))
        #expect(bench.eval("return {err='bad'}") == .error("bad"))
        #expect(bench.eval("return {err='x\\ny'}") == .error("x y"))
        #expect(bench.eval("return {ok='a\\r\\nb'}") == .simpleString("a  b"))
        #expect(bench.eval("return {double=1.5}") == .bulk("1.5"))
    }

    @Test func repliesBecomeLuaValues() {
        #expect(bench.eval("return type(redis.call('GET','nokey'))") == .bulk("boolean"))
        #expect(bench.eval("return redis.call('SET','k','v')") == .simpleString("OK"))
        #expect(bench.eval("return redis.call('SET','k','v').ok") == .bulk("OK"))
        #expect(bench.eval("return redis.call('EXISTS','k','k')") == .integer(2))
        #expect(bench.eval("return type(redis.call('EXISTS','k'))") == .bulk("number"))
        #expect(bench.eval("return redis.pcall('GET')") == .error("ERR Wrong number of args calling Redis command from script"))
        #expect(bench.eval("return redis.pcall('GET').err") == .bulk("ERR Wrong number of args calling Redis command from script"))
    }

    @Test func numbersArePassedWithSeventeenDigits() {
        #expect(bench.eval("redis.call('SET','k',0.1) return redis.call('GET','k')") == .bulk("0.10000000000000001"))
        #expect(bench.eval("redis.call('SET','k',1e20) return redis.call('GET','k')") == .bulk("1e+20"))
        #expect(bench.eval("redis.call('SET','k',42) return redis.call('GET','k')") == .bulk("42"))
    }

    @Test func keysAndArgv() {
        #expect(bench.run("EVAL", "return {KEYS[1], ARGV[1], #KEYS, #ARGV}", "1", "k", "a", "b")
            == .array([.bulk("k"), .bulk("a"), .integer(1), .integer(2)]))
        #expect(bench.run("EVAL", "return 1", "2", "a") == .error("ERR Number of keys can't be greater than number of args"))
        #expect(bench.run("EVAL", "return 1", "-1") == .error("ERR Number of keys can't be negative"))
        #expect(bench.run("EVAL", "return 1", "x") == .error("ERR value is not an integer or out of range"))
    }
}

@Suite struct LuaCallTests {
    let bench = ScriptBench()

    @Test func callRaisesAndPcallReturnsTheErrorTable() {
        let call = "return redis.call('INCR','a','b')"
        #expect(bench.eval(call) == ScriptBench.raised("ERR Wrong number of args calling Redis command from script", call))
        #expect(bench.eval("return redis.pcall('INCR','a','b')")
            == .error("ERR Wrong number of args calling Redis command from script"))
        #expect(bench.eval("local ok, e = pcall(redis.call, 'FOO') return e") == .bulk("ERR Unknown Redis command called from script"))
        #expect(bench.eval("return redis.pcall('FOO')") == .error("ERR Unknown Redis command called from script"))
    }

    @Test func argumentsAreChecked() {
        #expect(bench.eval("redis.call()")
            == ScriptBench.raised("ERR Please specify at least one argument for this redis lib call", "redis.call()"))
        let table = "return redis.call('SET',{})"
        #expect(bench.eval(table) == ScriptBench.raised("ERR Lua redis lib command arguments must be strings or integers", table))
        let unknown = "return redis.call('config','foo')"
        #expect(bench.eval(unknown) == ScriptBench.raised("ERR Unknown Redis command called from script", unknown))
    }

    @Test func commandsRefusedInsideScripts() {
        for command in ["'EVAL','return 1','0'", "'SUBSCRIBE','x'", "'MULTI'", "'SCRIPT','LOAD','x'"] {
            let script = "return redis.call(\(command))"
            #expect(bench.eval(script) == ScriptBench.raised("ERR This Redis command is not allowed from script", script))
        }
    }

    @Test func readOnlyScriptsRefuseWrites() {
        let script = "return redis.call('SET','a','b')"
        #expect(bench.run("EVAL_RO", script, "0")
            == ScriptBench.raised("ERR Write commands are not allowed from read-only scripts.", script))
        let flagged = "#!lua flags=no-writes\nreturn redis.call('SET','a','b')"
        #expect(bench.eval(flagged) == ScriptBench.raised("ERR Write commands are not allowed from read-only scripts.", flagged, line: 2))
        #expect(bench.run("EVAL_RO", "#!lua\nreturn 1", "0") == .error("ERR Can not execute a script with write flag using *_ro command."))
        #expect(bench.run("EVAL_RO", "return redis.call('GET','a')", "0") == .nullBulkString)
    }

    @Test func shebangErrors() {
        #expect(bench.eval("#!python\nreturn 1") == .error("ERR Unexpected engine in script shebang: #!python"))
        #expect(bench.eval("#!lua foo=bar\nreturn 1") == .error("ERR Unknown lua shebang option: foo=bar"))
        #expect(bench.eval("#!lua flags=bad\nreturn 1") == .error("ERR Unexpected flag in script shebang: bad"))
        #expect(bench.eval("#!lua") == .error("ERR Invalid script shebang"))
    }

    @Test func selectInsideAScriptDoesNotMoveTheCaller() {
        #expect(bench.eval("redis.call('SELECT','1') return redis.call('SET','k','one')") == .simpleString("OK"))
        #expect(bench.run("GET", "k") == .nullBulkString)
        #expect(bench.run("SELECT", "1") == .simpleString("OK"))
        #expect(bench.run("GET", "k") == .bulk("one"))
    }
}

@Suite struct LuaSandboxTests {
    let bench = ScriptBench()

    @Test func undeclaredGlobalsAndReadonlyTables() {
        for name in ["x", "os", "io", "print", "loadfile", "dofile", "debug", "require"] {
            let script = "return \(name)"
            #expect(bench.eval(script) == ScriptBench.raised(
                "ERR user_script:1: Script attempted to access nonexistent global variable '\(name)'", script))
        }
        #expect(bench.eval("x = 1") == ScriptBench.raised("ERR user_script:1: Attempt to modify a readonly table", "x = 1"))
        for script in ["redis.call = nil", "string.foo = 1", "cjson.x = 1"] {
            #expect(bench.eval(script) == ScriptBench.raised("ERR user_script:1: Attempt to modify a readonly table", script))
        }
        for script in ["rawset(_G,'x',1) return 1", "setmetatable(_G,nil) return 1"] {
            #expect(bench.eval(script) == ScriptBench.raised("ERR Attempt to modify a readonly table", script))
        }
        #expect(bench.eval("local t = {} t.x = 1 rawset(t, 'y', 2) return t.x + t.y") == .integer(3))
        #expect(bench.eval("return loadstring('return 1')()") == .integer(1))
        #expect(bench.eval("return _VERSION") == .bulk("Lua 5.1"))
    }

    @Test func errorsCarryTheScriptLine() {
        #expect(bench.eval("return error('boom')") == ScriptBench.raised("ERR user_script:1: boom", "return error('boom')"))
        #expect(bench.eval("error({err='MY custom'})") == ScriptBench.raised("MY custom", "error({err='MY custom'})"))
        #expect(bench.eval("error()") == ScriptBench.raised("ERR nil", "error()"))
        let nested = "local x = 1\nlocal a = nil\nreturn a.b"
        #expect(bench.eval(nested)
            == ScriptBench.raised("ERR user_script:3: attempt to index local 'a' (a nil value)", nested, line: 3))
        #expect(bench.eval("return +") == .error("ERR Error compiling script (new function): user_script:1: unexpected symbol near '+'"))
    }

    @Test func redisHelpers() {
        #expect(bench.eval("return redis.sha1hex('hello world')") == .bulk("2aae6c35c94fcfb415dbe95f408b9ce91ee846ed"))
        #expect(bench.eval("return redis.sha1hex()") == ScriptBench.raised("ERR wrong number of arguments", "return redis.sha1hex()"))
        #expect(bench.eval("return redis.error_reply('FOO bar')") == .error("FOO bar"))
        #expect(bench.eval("return redis.error_reply('-FOO bar')") == .error("FOO bar"))
        #expect(bench.eval("return redis.error_reply('foo')") == .error("ERR foo"))
        #expect(bench.eval("return redis.status_reply('FOO')") == .simpleString("FOO"))
        #expect(bench.eval("return redis.status_reply(1)") == .error("ERR wrong number or type of arguments"))
        #expect(bench.eval("return redis.REDIS_VERSION .. ' ' .. redis.REDIS_VERSION_NUM") == .bulk("7.0.15 458767"))
        #expect(bench.eval("return {redis.LOG_DEBUG, redis.LOG_VERBOSE, redis.LOG_NOTICE, redis.LOG_WARNING}")
            == .array([.integer(0), .integer(1), .integer(2), .integer(3)]))
        #expect(bench.eval("return redis.log(9,'b')") == ScriptBench.raised("ERR Invalid debug level.", "return redis.log(9,'b')"))
        #expect(bench.eval("return redis.setresp(4)") == ScriptBench.raised("ERR RESP version must be 2 or 3.", "return redis.setresp(4)"))
        #expect(bench.eval("return redis.breakpoint()") == .nullBulkString)
        #expect(bench.eval("return redis.replicate_commands()") == .integer(1))
        #expect(bench.eval("return redis.acl_check_cmd('get','x')") == .integer(1))
    }

    @Test func logLinesReachTheHandler() {
        let engine = LuaScripting()
        final class Lines: @unchecked Sendable { var items: [String] = [] }
        let lines = Lines()
        engine.logHandler = { level, text in lines.items.append("\(level) \(text)") }
        let bench = ScriptBench(engine)
        #expect(bench.eval("redis.log(redis.LOG_WARNING, 'hi', 3, {}, 'there') return 1") == .integer(1))
        #expect(lines.items == ["3 hi 3 there"])
    }

    @Test func mathRandomFollowsRedisSequence() {
        #expect(bench.eval("math.randomseed(42) return {math.random(100), math.random(100), math.random(1,6), tostring(math.random())}")
            == .array([.integer(75), .integer(35), .integer(1), .bulk("0.42233895809499")]))
        #expect(bench.eval("math.randomseed(7) return tostring(math.random())") == .bulk("0.26644419658298"))
        #expect(bench.eval("return math.random(0)") == ScriptBench.raised(
            "ERR user_script:1: bad argument #1 to 'random' (interval is empty)", "return math.random(0)"))
        #expect(bench.eval("return math.random('a')") == ScriptBench.raised(
            "ERR user_script:1: bad argument #1 to 'random' (number expected, got string)", "return math.random('a')"))
    }

    @Test func librariesRedisLoads() {
        #expect(bench.eval("return cjson.encode({1,2,{a=1}})") == .bulk("[1,2,{\"a\":1}]"))
        #expect(bench.eval("return cjson.decode('[1,2,null]')[2]") == .integer(2))
        #expect(bench.eval("return bit.band(7,3)") == .integer(3))
        #expect(bench.eval("return bit.tohex(255)") == .bulk("000000ff"))
    }
}

@Suite struct ScriptCacheTests {
    let bench = ScriptBench()
    let sha = "e0e1f9fabfc9d4800c877a703b823ac0578ff8db"

    @Test func loadExistsEvalshaFlush() {
        #expect(bench.run("EVALSHA", sha, "0") == .error("NOSCRIPT No matching script. Please use EVAL."))
        #expect(bench.run("EVALSHA", "abc", "0") == .error("NOSCRIPT No matching script. Please use EVAL."))
        #expect(bench.run("SCRIPT", "LOAD", "return 1") == .bulk(sha))
        #expect(bench.run("EVALSHA", sha.uppercased(), "0") == .integer(1))
        #expect(bench.run("EVALSHA_RO", sha, "0") == .integer(1))
        #expect(bench.run("SCRIPT", "EXISTS", sha, sha.uppercased(), "x") == .array([.integer(1), .integer(1), .integer(0)]))
        #expect(bench.run("SCRIPT", "FLUSH", "foo") == .error("ERR SCRIPT FLUSH only support SYNC|ASYNC option"))
        #expect(bench.run("SCRIPT", "FLUSH", "ASYNC") == .simpleString("OK"))
        #expect(bench.run("SCRIPT", "EXISTS", sha) == .array([.integer(0)]))
        #expect(bench.run("EVAL", "return 2", "0") == .integer(2))
        #expect(bench.run("SCRIPT", "KILL") == .error("NOTBUSY No scripts in execution right now."))
        #expect(bench.run("SCRIPT", "LOAD", "return +")
            == .error("ERR Error compiling script (new function): user_script:1: unexpected symbol near '+'"))
    }

    @Test func scriptsAreNamedBySHA1() {
        #expect(SHA1.hex(Array("".utf8)) == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
        #expect(SHA1.hex(Array("abc".utf8)) == "a9993e364706816aba3e25717850c26c9cd0d89d")
        let long = String(repeating: "a", count: 1000)
        #expect(bench.eval("return redis.sha1hex(string.rep('a', 1000))") == .bulk(SHA1.hex(Array(long.utf8))))
    }

    @Test func lessonScripts() {
        let release = "if redis.call(\"GET\", KEYS[1]) == ARGV[1] then return redis.call(\"DEL\", KEYS[1]) else return 0 end"
        #expect(bench.run("SET", "lock", "token-1") == .simpleString("OK"))
        #expect(bench.run("EVAL", release, "1", "lock", "token-2") == .integer(0))
        #expect(bench.run("GET", "lock") == .bulk("token-1"))
        #expect(bench.run("EVAL", release, "1", "lock", "token-1") == .integer(1))
        #expect(bench.run("GET", "lock") == .nullBulkString)
    }
}
