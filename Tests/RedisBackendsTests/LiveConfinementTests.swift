import LiveRedis
import RESP
@testable import RedisBackends
import RedislingsTestSupport
import Testing

/// A confined instance of a live backend: its ACL user may change only its scope's keys, may
/// not reach another database, user or the whole server, has a script past its budget killed,
/// and is deleted (with the keys a `.createdKeys` run made) when the instance closes.
@Suite struct LiveConfinementTests {
    private func withServer(_ body: (LiveRedisBackend, LiveRedisConnection) async throws -> Void) async throws {
        guard RedisServerProcess.isInstalled else {
            print("skipped: redis-server is not installed")
            return
        }
        let server = try RedisServerProcess(extraArguments: ["--busy-reply-threshold", "100"])
        defer { server.stop() }
        let url = RedisURL(host: "127.0.0.1", port: server.port, database: 2)
        let admin = try await LiveRedisConnection.connect(to: url)
        _ = try await admin.send("SET", "theirs", "precious")
        _ = try await admin.send("SET", "job:old", "precious")
        try await body(LiveRedisBackend(url: url), admin)
        #expect(try await admin.send("GET", "theirs") == .bulkString(Array("precious".utf8)))
        #expect(try await admin.send("ACL", "USERS") == .array([.bulkString(Array("default".utf8))]))
        await admin.close()
    }

    @Test func aRunMayChangeOnlyItsPatterns() async throws {
        try await withServer { backend, admin in
            let run = backend.makeInstance(limits: RedisInstanceLimits(keyScope: .patterns(["job:*"])))
            let client = try await run.connect()
            #expect(try await client.send("SET", "job:1", "x") == .ok)
            #expect(try await client.send("GET", "theirs") .isError)
            #expect(try await client.send("SET", "theirs", "x").isError)
            for attack in [["FLUSHALL"], ["FLUSHDB"], ["SELECT", "0"], ["SWAPDB", "2", "3"], ["MOVE", "job:1", "0"],
                           ["COPY", "job:1", "job:2", "DB", "0"], ["CONFIG", "SET", "maxmemory", "1"], ["SCRIPT", "FLUSH"],
                           ["AUTH", "default", "x"], ["RESET"], ["SHUTDOWN", "NOSAVE"], ["DEBUG", "SLEEP", "0"]] {
                let reply = try await client.send(strings: attack)
                // DEBUG is refused before the rules are read, unless the server enables it.
                #expect(reply.isError && (reply.debugDescription.contains("NOPERM") || attack[0] == "DEBUG"), "\(attack): \(reply)")
            }
            let script = try await client.send("EVAL", "redis.call('FLUSHALL') return 1", "0")
            #expect(script.isError, "\(script)")
            await client.close()
            await run.close()
        }
    }

    @Test func aSessionMayChangeOnlyTheKeysItCreated() async throws {
        try await withServer { backend, admin in
            let session = backend.makeInstance(limits: RedisInstanceLimits(keyScope: .createdKeys))
            let client = try await session.connect()
            #expect(try await client.send("GET", "theirs") == .bulkString(Array("precious".utf8)))
            #expect(try await client.send("SET", "theirs", "mine").isError)
            #expect(try await client.send("SET", "mine*[x]", "1") == .ok)
            #expect(try await client.send("APPEND", "mine*[x]", "2") == .integer(2))
            // The escaped pattern of `mine*[x]` matches that key alone.
            #expect(try await client.send("SET", "mine-other", "1") == .ok)
            #expect(try await client.send("DEL", "job:old").isError)
            await client.close()
            await session.close()
            #expect(try await admin.send("EXISTS", "mine*[x]", "mine-other") == .integer(0))
            #expect(try await admin.send("GET", "job:old") == .bulkString(Array("precious".utf8)))
        }
    }

    @Test func aScriptPastItsBudgetIsKilledAndNotRunAgain() async throws {
        try await withServer { backend, admin in
            let run = backend.makeInstance(limits: RedisInstanceLimits(scriptTimeBudget: .milliseconds(200), keyScope: .patterns(["job:*"])))
            let client = try await run.connect()
            let body = "local t = redis.call('TIME')[1] + 20 while redis.call('TIME')[1] + 0 < t do end return 1"
            let first = try await client.send("EVAL", body, "0")
            #expect(first.debugDescription.contains("stopped with SCRIPT KILL after"), "\(first)")
            #expect(run.takeStoppedScript()?.contains("SCRIPT KILL") == true)
            let again = try await client.send("EVAL", body, "0")
            #expect(again == first)
            #expect(try await admin.send("PING") == .simpleString("PONG"))
            await client.close()
            await run.close()
        }
    }
}
