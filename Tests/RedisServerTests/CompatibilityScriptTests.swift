import LiveRedis
import RESP
import RedisScripting
import RedisSimulator
import RedislingsTestSupport
import Testing

/// One script, three backends: live redis-server through LiveRedis, the in-process simulator,
/// and the simulator served over TCP. Every reply must be identical.
@Suite(.enabled(if: RedisServerProcess.isInstalled, "redis-server is not installed: compatibility test skipped"))
struct CompatibilityScriptTests {
    static let script: [[String]] = [
        ["FLUSHALL"],
        ["SET", "course:greeting", "hello"], ["GET", "course:greeting"], ["SET", "course:greeting", "x", "NX"],
        ["SET", "lock:job", "w1", "NX", "EX", "30"], ["SET", "lock:job", "w2", "NX", "EX", "30"],
        ["INCR", "visits"], ["INCRBY", "visits", "10"], ["GET", "nothing"], ["DEL", "visits", "nothing"],
        ["RPUSH", "queue", "a", "b", "c"], ["LPOP", "queue"], ["LRANGE", "queue", "0", "-1"], ["LLEN", "queue"],
        ["BLPOP", "empty", "0.05"],
        ["HSET", "user:1", "name", "Ada", "lang", "Swift"], ["HGET", "user:1", "name"], ["HLEN", "user:1"],
        ["SADD", "tags", "redis", "swift", "redis"], ["SISMEMBER", "tags", "swift"], ["SCARD", "tags"],
        ["ZADD", "board", "10", "alice", "7", "bob", "12", "carol"], ["ZINCRBY", "board", "5", "bob"],
        ["ZREVRANGE", "board", "0", "-1", "WITHSCORES"], ["ZRANK", "board", "alice"], ["ZSCORE", "board", "nobody"],
        ["XADD", "orders", "1-1", "item", "book"], ["XADD", "orders", "1-2", "item", "lamp"],
        ["XGROUP", "CREATE", "orders", "shipping", "0"],
        ["XREADGROUP", "GROUP", "shipping", "w1", "COUNT", "10", "STREAMS", "orders", ">"],
        ["XACK", "orders", "shipping", "1-1"], ["XPENDING", "orders", "shipping"],
        ["XRANGE", "orders", "-", "+"], ["XLEN", "orders"],
        ["PUBLISH", "news", "nobody listens"],
        ["MULTI"], ["INCR", "tx"], ["INCR", "tx"], ["EXEC"],
        ["LPUSH", "course:greeting", "x"], ["GET", "queue"], ["NOSUCHCOMMAND", "arg"], ["GET"],
        ["TYPE", "board"], ["EXISTS", "board", "queue", "gone"],
    ]

    func run(_ connection: any RedisConnection) async throws -> [RESPValue] {
        var replies: [RESPValue] = []
        for command in Self.script { replies.append(try await connection.send(strings: command)) }
        return replies
    }

    @Test func liveRedisAndTheSimulatorGiveIdenticalReplies() async throws {
        let real = try RedisServerProcess()
        let live = try await LiveRedisConnection.connect(to: RedisURL(host: "127.0.0.1", port: real.port))
        let expected = try await run(live)
        await live.close()
        real.stop()

        let simulator = Simulator()
        simulator.installScripting(LuaScripting())
        let inProcess = try await run(SimulatorConnection(simulator))

        let served = try await ServedSimulator()
        let overTCP = try await served.connect()
        let servedReplies = try await run(overTCP)
        await overTCP.close()
        await served.stop()

        for (index, command) in Self.script.enumerated() {
            #expect(inProcess[index] == expected[index], "in-process: \(command.joined(separator: " "))")
            #expect(servedReplies[index] == expected[index], "served: \(command.joined(separator: " "))")
        }
    }
}
