import Foundation
import LiveRedis
import RESP
import RedisScripting
import RedisServer
import RedisSimulator
import RedislingsTestSupport
import Testing

extension PersistenceServerTests {
    /// `serve` as a replica: REPLICAOF makes it follow a real redis-server 7.0.15 or another
    /// serve (handshake, snapshot, command stream, ACKs that WAIT counts), it refuses writes
    /// with READONLY, survives its primary going away and coming back, and REPLICAOF NO ONE
    /// promotes it.
    @Suite struct ServeReplicaTests {
        @Test func serveReplicatesFromRedisServer() async throws {
            guard RedisServerProcess.isInstalled else {
                print("skipped: redis-server is not installed")
                return
            }
            // No delay before the diskless transfer: the replica gets its snapshot at once.
            let primaryServer = try RedisServerProcess(extraArguments: ["--repl-diskless-sync-delay", "0"])
            defer { primaryServer.stop() }
            let primary = try await LiveRedisConnection.connect(to: RedisURL(port: primaryServer.port))
            _ = try await primary.send("SET", "before", "snapshot")
            _ = try await primary.send("RPUSH", "list", "a", "b", "c")
            _ = try await primary.send("HSET", "hash", "f", "v")

            let served = try await ServedSimulator()
            // As `serve` does: REPLCONF listening-port announces it.
            served.simulator.setListeningPort(served.port)
            let replica = try await served.connect()
            #expect(try await replica.send("REPLICAOF", "127.0.0.1", String(primaryServer.port)) == .ok)
            try await waitUntil("the link comes up") { try await replica.send("INFO", "replication").stringValue?.contains("master_link_status:up") == true }

            for command in [
                ["SET", "ex", "v", "EX", "100"], ["EXPIRE", "list", "500"], ["INCR", "counter"], ["DEL", "hash"],
                ["MULTI"], ["SET", "tx:a", "1"], ["LPUSH", "tx:list", "x"], ["EXEC"],
                ["EVAL", "redis.call('SET', 'lua:a', 'x') redis.call('RPUSH', 'lua:list', 'p') return 1", "0"],
                ["SELECT", "2"], ["SET", "in-db2", "x"], ["SELECT", "0"],
            ] {
                _ = try await primary.send(strings: command)
            }
            // WAIT counts the replica's ACKs: it has applied everything written so far.
            #expect(try await primary.send("WAIT", "1", "5000") == .integer(1))

            for db in ["0", "2"] {
                _ = try await primary.send("SELECT", db)
                _ = try await replica.send("SELECT", db)
                let keys = (try await primary.send("KEYS", "*")).arrayValue?.compactMap(\.stringValue).sorted() ?? []
                #expect(!keys.isEmpty)
                #expect((try await replica.send("KEYS", "*")).arrayValue?.compactMap(\.stringValue).sorted() == keys, "db \(db)")
                for key in keys {
                    #expect(try await replica.send("DUMP", key) == (try await primary.send("DUMP", key)), "\(key)")
                    #expect(try await replica.send("PEXPIRETIME", key) == (try await primary.send("PEXPIRETIME", key)), "\(key)")
                }
            }
            #expect(try await replica.send("SET", "x", "1") == .error("READONLY You can't write against a read only replica."))

            let primaryInfo = try await primary.send("INFO", "replication").stringValue ?? ""
            let offset = Self.field("master_repl_offset", in: primaryInfo) ?? "?"
            #expect(primaryInfo.contains("slave0:ip=127.0.0.1,port=\(served.port),state=online"))
            let role = try await replica.send("ROLE")
            #expect(role == .array([.bulk("slave"), .bulk("127.0.0.1"), .integer(Int64(primaryServer.port)), .bulk("connected"), .integer(Int64(offset) ?? -2)]))
            let replicaInfo = try await replica.send("INFO", "replication").stringValue ?? ""
            #expect(Self.field("slave_repl_offset", in: replicaInfo) == offset)
            #expect(Self.field("master_replid", in: replicaInfo) == Self.field("master_replid", in: primaryInfo))

            #expect(try await replica.send("REPLICAOF", "NO", "ONE") == .ok)
            #expect(try await replica.send("SET", "x", "1") == .ok)
            await replica.close()
            await primary.close()
            await served.stop()
        }

        @Test func serveReplicatesFromServeAcrossALinkDrop() async throws {
            let first = try await ServedSimulator()
            let port = first.port
            let primary = try await first.connect()
            _ = try await primary.send("SET", "generation", "1")

            let served = try await ServedSimulator()
            let replica = try await served.connect()
            #expect(try await replica.send("REPLICAOF", "127.0.0.1", String(port)) == .ok)
            try await waitUntil("the link comes up") { try await replica.send("GET", "generation") == .bulk("1") }
            _ = try await primary.send("SELECT", "5")
            _ = try await primary.send("SET", "in-db5", "x", "PX", "100000")
            #expect(try await primary.send("WAIT", "1", "5000") == .integer(1))
            _ = try await replica.send("SELECT", "5")
            #expect(try await replica.send("GET", "in-db5") == .bulk("x"))
            #expect(try await replica.send("PEXPIRETIME", "in-db5") == (try await primary.send("PEXPIRETIME", "in-db5")))
            await primary.close()

            // The primary goes away: the replica says its link is down and still serves reads.
            await first.stop()
            try await waitUntil("the link goes down") {
                let info = try await replica.send("INFO", "replication").stringValue ?? ""
                return info.contains("master_link_status:down") && info.contains("master_link_down_since_seconds:")
            }
            #expect(try await replica.send("GET", "in-db5") == .bulk("x"))
            #expect(try await replica.send("SET", "x", "1") == .error("READONLY You can't write against a read only replica."))

            // A new primary on the same port: the replica reconnects and takes its dataset.
            let second = Simulator()
            second.installScripting(LuaScripting())
            let secondServer = try RESPServer(simulator: second, threads: 1)
            _ = try await secondServer.start(host: "127.0.0.1", port: port)
            let newPrimary = try await LiveRedisConnection.connect(to: RedisURL(host: "127.0.0.1", port: port))
            _ = try await newPrimary.send("SET", "generation", "2")
            _ = try await replica.send("SELECT", "0")
            try await waitUntil("the link comes back") { try await replica.send("GET", "generation") == .bulk("2") }
            _ = try await replica.send("SELECT", "5")
            #expect(try await replica.send("GET", "in-db5") == .nullBulkString)

            #expect(try await replica.send("REPLICAOF", "NO", "ONE") == .ok)
            let role = try await replica.send("ROLE").arrayValue ?? []
            #expect(role.first == .bulk("master") && role.last == .array([]))
            #expect(try await replica.send("SET", "x", "1") == .ok)
            await newPrimary.close()
            await replica.close()
            await secondServer.stop()
            await served.stop()
        }

        /// Scripts on a read-only replica fail as on redis-server 7.0.15: a write inside one with
        /// READONLY and the script's name, a script declared to write before it runs.
        @Test func scriptsCannotWriteOnAReadOnlyReplica() async throws {
            let served = try await ServedSimulator()
            let client = try await served.connect()
            #expect(try await client.send("REPLICAOF", "127.0.0.1", "1") == .ok)
            let script = "redis.call('set','a','1')"
            guard case .error(let raised) = try await client.send("EVAL", script, "0") else {
                Issue.record("a script wrote on a read-only replica")
                return
            }
            #expect(raised.hasPrefix("READONLY You can't write against a read only replica. script: "), "\(raised)")
            #expect(try await client.send("EVAL", "return redis.pcall('set','a','1')", "0")
                == .error("READONLY You can't write against a read only replica."))
            #expect(try await client.send("EVAL", "#!lua\nredis.call('get','a')", "0")
                == .error("READONLY You can't write against a read only replica."))
            #expect(try await client.send("EVAL", "#!lua flags=no-writes\nreturn redis.call('get','a')", "0") == .nullBulkString)
            await client.close()
            await served.stop()
        }

        /// A primary with a password: masteruser and masterauth go out as AUTH in the handshake
        /// (a wrong password keeps the link down), as Redis's replica sends them.
        @Test func serveAuthenticatesToAPrimaryWithMasterauth() async throws {
            guard RedisServerProcess.isInstalled else {
                print("skipped: redis-server is not installed")
                return
            }
            let primaryServer = try RedisServerProcess(extraArguments: ["--repl-diskless-sync-delay", "0", "--requirepass", "s3cret"])
            defer { primaryServer.stop() }
            let primary = try await LiveRedisConnection.connect(to: RedisURL(port: primaryServer.port, password: "s3cret"))
            _ = try await primary.send("SET", "guarded", "value")

            let served = try await ServedSimulator()
            served.simulator.setListeningPort(served.port)
            let replica = try await served.connect()
            #expect(try await replica.send("CONFIG", "SET", "masterauth", "wrong") == .ok)
            #expect(try await replica.send("REPLICAOF", "127.0.0.1", String(primaryServer.port)) == .ok)
            try await Task.sleep(for: .milliseconds(1500))
            #expect(try await replica.send("INFO", "replication").stringValue?.contains("master_link_status:down") == true)

            #expect(try await replica.send("CONFIG", "SET", "masteruser", "default") == .ok)
            #expect(try await replica.send("CONFIG", "SET", "masterauth", "s3cret") == .ok)
            try await waitUntil("the link comes up with the right password") {
                try await replica.send("INFO", "replication").stringValue?.contains("master_link_status:up") == true
            }
            #expect(try await replica.send("GET", "guarded") == .bulk("value"))
            await replica.close()
            await primary.close()
            await served.stop()
        }

        static func field(_ name: String, in info: String) -> String? {
            info.split(separator: "\r\n").first { $0.hasPrefix(name + ":") }.map { String($0.dropFirst(name.count + 1)) }
        }

        func waitUntil(_ what: String, _ condition: () async throws -> Bool) async throws {
            let deadline = Date().addingTimeInterval(20)
            while try await !condition() {
                guard Date() < deadline else {
                    Issue.record("\(what) did not happen within 20 s")
                    return
                }
                try await Task.sleep(for: .milliseconds(50))
            }
        }
    }
}
