import Foundation
import LiveRedis
import RESP
import RedisSimulator
import RedislingsTestSupport
import Testing

extension PersistenceServerTests {
    /// MIGRATE from a served simulator to another serve and to a real redis-server 7.0.15: the
    /// keys arrive with their TTLs, leave the source unless COPY, replicate as DEL, and every
    /// refusal reads as Redis's (NOKEY, BUSYKEY from the target, IOERR, syntax).
    @Suite struct MigrateTests {
        @Test func serveMigratesToServe() async throws {
            let target = try await ServedSimulator()
            try await check(targetPort: target.port)
            await target.stop()
        }

        @Test func serveMigratesToRedisServer() async throws {
            guard RedisServerProcess.isInstalled else {
                print("skipped: redis-server is not installed")
                return
            }
            let target = try RedisServerProcess()
            defer { target.stop() }
            try await check(targetPort: target.port)
        }

        private func check(targetPort: Int) async throws {
            let source = try await ServedSimulator()
            let client = try await source.connect()
            let destination = try await LiveRedisConnection.connect(to: RedisURL(port: targetPort))
            let port = String(targetPort)
            // A replica of the source, in-process: what MIGRATE propagates.
            let replica = source.simulator.connect()
            let stream = PushedCommands()
            guard case .snapshot = source.simulator.execute([Array("SYNC".utf8)], for: replica) else {
                Issue.record("SYNC did not answer a snapshot")
                return
            }
            replica.pushHandler = { stream.append($0) }

            _ = try await client.send("SET", "k", "v", "PX", "100000")
            _ = try await client.send("RPUSH", "list", "a", "b")
            #expect(try await client.send("MIGRATE", "127.0.0.1", port, "missing", "0", "1000") == .simpleString("NOKEY"))
            #expect(try await client.send("MIGRATE", "127.0.0.1", port, "k", "3", "1000") == .ok)
            #expect(try await client.send("EXISTS", "k") == .integer(0))
            _ = try await destination.send("SELECT", "3")
            #expect(try await destination.send("GET", "k") == .bulk("v"))
            let ttl = try await destination.send("PTTL", "k").integerValue ?? 0
            #expect(ttl > 0 && ttl <= 100_000)

            _ = try await client.send("SET", "k", "v2")
            #expect(try await client.send("MIGRATE", "127.0.0.1", port, "k", "3", "1000")
                == .error("ERR Target instance replied with error: BUSYKEY Target key name already exists."))
            #expect(try await client.send("MIGRATE", "127.0.0.1", port, "", "3", "1000", "COPY", "REPLACE", "KEYS", "k", "list", "nope") == .ok)
            #expect(try await client.send("EXISTS", "k", "list") == .integer(2))
            #expect(try await destination.send("LRANGE", "list", "0", "-1") == .array([.bulk("a"), .bulk("b")]))
            #expect(try await destination.send("GET", "k") == .bulk("v2"))
            #expect(try await client.send("MIGRATE", "127.0.0.1", port, "", "3", "1000", "REPLACE", "KEYS", "k", "list") == .ok)
            #expect(try await client.send("DBSIZE") == .integer(0))

            _ = try await client.send("SET", "q", "1")
            #expect(try await client.send("MIGRATE", "127.0.0.1", port, "q", "0", "1000", "KEYS", "q")
                == .error("ERR When using MIGRATE KEYS option, the key argument must be set to the empty string"))
            #expect(try await client.send("MIGRATE", "127.0.0.1", port, "q", "0", "abc") == .error("ERR value is not an integer or out of range"))
            #expect(try await client.send("MIGRATE", "127.0.0.1", port, "q", "0", "100", "AUTH") == .error("ERR syntax error"))
            #expect(try await client.send("MIGRATE", "127.0.0.1", port, "q", "99", "1000")
                == .error("ERR Target instance replied with error: ERR DB index is out of range"))
            // Nothing listens on port 1: the refusal shows on the first write, as in Redis.
            #expect(try await client.send("MIGRATE", "127.0.0.1", "1", "q", "0", "1000") == .error("IOERR error or timeout writing to target instance"))
            #expect(try await client.send("GET", "q") == .bulk("1"))

            // Only the deletions replicate, as DEL of the keys the target took.
            let deletions = stream.commands.filter { $0.first == "DEL" }
            #expect(deletions == [["DEL", "k"], ["DEL", "k", "list"]])
            #expect(!stream.commands.contains { $0.first == "MIGRATE" })
            await destination.close()
            await client.close()
            await source.stop()
        }
    }
}

/// The commands pushed to an in-process replica, collected under the simulator's lock.
private final class PushedCommands: @unchecked Sendable {
    private(set) var commands: [[String]] = []
    func append(_ value: RESPValue) {
        commands.append(value.arrayValue?.compactMap(\.stringValue) ?? [])
    }
}
