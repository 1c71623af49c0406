import RESP
import RedislingsTestSupport
import Testing
@testable import LiveRedis

@Suite(.enabled(if: RedisServerProcess.isInstalled, "redis-server is not installed: live Redis tests skipped"))
struct LiveRedisConnectionTests {
    let server: RedisServerProcess
    var url: RedisURL { RedisURL(host: "127.0.0.1", port: server.port) }

    init() throws { server = try RedisServerProcess() }

    @Test func sendsBinarySafeCommandsAndReadsEveryReplyKind() async throws {
        let connection = try await LiveRedisConnection.connect(to: url)
        let value: [UInt8] = [0, 13, 10, 255, 36, 42]
        #expect(try await connection.send([Array("SET".utf8), Array("k\0".utf8), value]) == .ok)
        #expect(try await connection.send([Array("GET".utf8), Array("k\0".utf8)]) == .bulkString(value))
        #expect(try await connection.send("GET", "missing") == .nullBulkString)
        #expect(try await connection.send("INCR", "n") == .integer(1))
        #expect(try await connection.send("LPUSH", "k\0", "x") == .error("WRONGTYPE Operation against a key holding the wrong kind of value"))
        #expect(try await connection.send("BLPOP", "nolist", "0.01") == .nullArray)
        #expect(try await connection.send("LRANGE", "nolist", "0", "-1") == .array([]))
        await connection.close()
    }

    @Test func aSubscriberReceivesWhatAPublisherSends() async throws {
        let subscriber = try await LiveRedisConnection.connect(to: url)
        let publisher = try await LiveRedisConnection.connect(to: url)
        #expect(try await subscriber.send("SUBSCRIBE", "news", "sport")
            == .array([.bulk("subscribe"), .bulk("news"), .integer(1)]))
        #expect(try await subscriber.send("PSUBSCRIBE", "n*")
            == .array([.bulk("psubscribe"), .bulk("n*"), .integer(3)]))
        #expect(try await publisher.send("PUBLISH", "news", "hello") == .integer(2))
        var pushes = subscriber.pushes.makeAsyncIterator()
        #expect(await pushes.next() == .array([.bulk("subscribe"), .bulk("sport"), .integer(2)]))
        #expect(await pushes.next() == .bulkArray(["message", "news", "hello"]))
        #expect(await pushes.next() == .bulkArray(["pmessage", "n*", "news", "hello"]))
        #expect(try await subscriber.send("PING") == .bulkArray(["pong", ""]))
        #expect(try await subscriber.send("UNSUBSCRIBE", "news")
            == .array([.bulk("unsubscribe"), .bulk("news"), .integer(2)]))
        await subscriber.close()
        await publisher.close()
    }

    @Test func aBlockedCommandWaitsWhileOtherConnectionsWork() async throws {
        let waiter = try await LiveRedisConnection.connect(to: url)
        let worker = try await LiveRedisConnection.connect(to: url)
        async let popped = waiter.send("BLPOP", "jobs", "60")
        // Until the server has the BLPOP (a loaded machine may take seconds to send it).
        let deadline = ContinuousClock.now + .seconds(30)
        var blocked = false
        while !blocked, ContinuousClock.now < deadline {
            blocked = try await worker.send("CLIENT", "LIST").stringValue?.contains("cmd=blpop") == true
            if !blocked { try await Task.sleep(for: .milliseconds(20)) }
        }
        #expect(blocked, "the BLPOP never reached the server")
        #expect(try await worker.send("SET", "other", "1") == .ok)
        #expect(try await worker.send("RPUSH", "jobs", "job-1") == .integer(1))
        #expect(try await popped == .bulkArray(["jobs", "job-1"]))
        await waiter.close()
        await worker.close()
    }

    @Test func concurrentTasksShareOneConnectionSafely() async throws {
        let connection = try await LiveRedisConnection.connect(to: url)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                group.addTask { () async throws -> Void in
                    for i in 0..<50 {
                        let key = "t\(task):\(i)"
                        #expect(try await connection.send("SET", key, "\(i)") == .ok)
                        #expect(try await connection.send("GET", key) == .bulk("\(i)"))
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try await connection.send("DBSIZE") == .integer(400))
        await connection.close()
    }

    @Test func selectsTheURLsDatabase() async throws {
        let connection = try await LiveRedisConnection.connect(to: RedisURL(host: "127.0.0.1", port: server.port, database: 5))
        #expect(try await connection.send("SET", "in5", "x") == .ok)
        #expect(try await connection.send("CLIENT", "INFO").stringValue?.contains(" db=5 ") == true)
        await connection.close()
    }

    @Test func reconnectsAfterTheServerDropsTheConnection() async throws {
        let connection = try await LiveRedisConnection.connect(to: url)
        let killer = try await LiveRedisConnection.connect(to: url)
        let id = try #require(try await connection.send("CLIENT", "ID").integerValue)
        #expect(try await killer.send("CLIENT", "KILL", "ID", String(id)) == .integer(1))
        // The command that meets the dead socket may fail; the next one reconnects.
        _ = try? await connection.send("PING")
        #expect(try await connection.send("PING") == .simpleString("PONG"))
        await connection.close()
        await killer.close()
    }

    @Test func aSlowReplyTimesOutAndTheConnectionRecovers() async throws {
        let options = LiveRedisOptions(commandTimeout: .milliseconds(200))
        let connection = try await LiveRedisConnection.connect(to: url, options: options)
        let pauser = try await LiveRedisConnection.connect(to: url)
        // A pause long enough that the SET is surely sent inside it on a loaded CI machine;
        // CLIENT UNPAUSE would itself wait for the pause, so the test waits it out.
        let clock = ContinuousClock()
        let pausedAt = clock.now
        #expect(try await pauser.send("CLIENT", "PAUSE", "10000", "ALL") == .ok)
        await #expect {
            try await connection.send("SET", "k", "v")
        } throws: { error in
            (error as? RedisConnectionError)?.message.contains("did not answer SET within") == true
        }
        try await clock.sleep(until: pausedAt + .milliseconds(10_300))
        #expect(try await connection.send("PING") == .simpleString("PONG"))
        await connection.close()
        await pauser.close()
    }

    @Test func aClosedConnectionRefusesCommands() async throws {
        let connection = try await LiveRedisConnection.connect(to: url)
        await connection.close()
        await #expect(throws: RedisConnectionError.self) { try await connection.send("PING") }
    }
}

@Suite(.enabled(if: RedisServerProcess.isInstalled, "redis-server is not installed: live Redis tests skipped"))
struct LiveRedisConnectErrorTests {
    @Test func anUnreachableServerIsNamedWithWhatToTry() async {
        let port = freeLoopbackPort()
        await #expect {
            _ = try await LiveRedisConnection.connect(to: RedisURL(host: "127.0.0.1", port: port))
        } throws: { error in
            let message = (error as? RedisConnectionError)?.message ?? ""
            return message.contains("redis://127.0.0.1:\(port)") && message.contains("Is redis-server running")
        }
    }

    @Test func passwordsAreCheckedWithClearErrors() async throws {
        let server = try RedisServerProcess(extraArguments: ["--requirepass", "letmein"])
        let base = RedisURL(host: "127.0.0.1", port: server.port)
        await #expect {
            _ = try await LiveRedisConnection.connect(to: base)
        } throws: { error in
            (error as? RedisConnectionError)?.message.contains("requires a password") == true
        }
        var wrong = base
        wrong.password = "nope"
        await #expect {
            _ = try await LiveRedisConnection.connect(to: wrong)
        } throws: { error in
            let message = (error as? RedisConnectionError)?.message ?? ""
            return message.contains("refused the login") && message.contains("WRONGPASS") && !message.contains("nope")
        }
        var right = base
        right.password = "letmein"
        let connection = try await LiveRedisConnection.connect(to: right)
        #expect(try await connection.send("PING") == .simpleString("PONG"))
        await connection.close()
    }

    @Test func connectsOverAUnixSocket() async throws {
        let path = "/tmp/redislings-test-\(freeLoopbackPort()).sock"
        let server = try RedisServerProcess(extraArguments: ["--unixsocket", path, "--unixsocketperm", "700"])
        let url = try RedisURL(parsing: "unix://\(path)?db=3")
        var connection: LiveRedisConnection?
        // redis-server creates the socket a moment after it starts; a loaded machine may take
        // many seconds (CI saw more than ten). The loop ends as soon as the socket answers.
        let deadline = ContinuousClock.now + .seconds(60)
        while connection == nil, ContinuousClock.now < deadline {
            connection = try? await LiveRedisConnection.connect(to: url)
            if connection == nil { try await Task.sleep(for: .milliseconds(20)) }
        }
        let live = try #require(connection)
        #expect(try await live.send("SET", "k", "v") == .ok)
        #expect(try await live.send("CLIENT", "INFO").stringValue?.contains(" db=3 ") == true)
        await live.close()
        server.stop()
    }

    @Test func aDatabaseOutOfRangeIsExplained() async throws {
        let server = try RedisServerProcess()
        await #expect {
            _ = try await LiveRedisConnection.connect(to: RedisURL(host: "127.0.0.1", port: server.port, database: 99))
        } throws: { error in
            (error as? RedisConnectionError)?.message.contains("cannot select database 99") == true
        }
    }
}
