import Foundation
import LiveRedis
import RESP
import RedisSimulator
import RedislingsTestSupport
import Testing

extension PersistenceServerTests {
    /// A real redis-server 7.0.15 started as `--replicaof` the served simulator: it loads the
    /// FULLRESYNC snapshot, then follows the command stream (SELECT, MULTI/EXEC, absolute expiries,
    /// GETDEL as DEL, script and function effects, consumer-group deliveries), and ends with the
    /// same keyspace, key for key, as DUMP and the describing commands show. WAIT counts it.
    @Suite struct ReplicaOfServeTests {
        /// Writes after the replica attached, beyond the every-type setup.
        static let writes: [[String]] = [
            ["SET", "ex", "v", "EX", "100"], ["SET", "px", "v", "PX", "100000", "GET"], ["SETEX", "setex", "100", "v"],
            ["SET", "gone", "v", "PX", "1"], ["EXPIRE", "str:small", "500"], ["PEXPIREAT", "str:int8", "99999999999999"],
            ["GETEX", "str:int16", "EX", "300"], ["GETDEL", "str:int32"], ["EXPIRE", "str:int64", "-1"],
            ["SELECT", "3"], ["SET", "in-db3", "x"], ["INCR", "counter"], ["SELECT", "0"],
            ["EVAL", "redis.call('SET', 'lua:a', 'x') redis.call('RPUSH', 'lua:list', 'p', 'q') return 1", "0"],
            ["FUNCTION", "LOAD", "#!lua name=lib\nredis.register_function('touch', function(keys) return redis.call('INCR', keys[1]) end)"],
            ["FCALL", "touch", "1", "fn:counter"], ["FCALL", "touch", "1", "fn:counter"],
            ["XREADGROUP", "GROUP", "readers", "carol", "COUNT", "1", "STREAMS", "stream:plain", ">"],
            ["XACK", "stream:plain", "readers", "1-1"],
            ["HINCRBY", "hash:listpack", "n", "5"], ["ZINCRBY", "zset:listpack", "2", "a"], ["SREM", "set:hashtable", "a"],
            ["RESTORE", "restored", "100000", ""],
        ]

        @Test func redisServerReplicatesFromServe() async throws {
            guard RedisServerProcess.isInstalled else {
                print("skipped: redis-server is not installed")
                return
            }
            let served = try await ServedSimulator()
            let primary = try await served.connect()
            for command in DumpRestoreDifferentialTests.setup { _ = try await primary.send(strings: command) }
            // A replica writes the snapshot it receives to dir/dbfilename: its own directory, so
            // no other test's server starts from it.
            let directory = NSTemporaryDirectory() + "replica-\(UInt64.random(in: 0...UInt64.max))"
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let replicaServer = try RedisServerProcess(extraArguments: [
                "--replicaof", "127.0.0.1", String(served.port), "--dir", directory,
            ])
            defer { replicaServer.stop() }
            let replica = try await LiveRedisConnection.connect(to: RedisURL(port: replicaServer.port))
            try await waitUntil { try await replica.send("INFO", "replication").stringValue?.contains("master_link_status:up") == true }

            let payload = try await primary.send("DUMP", "str:lzf")
            for command in Self.writes {
                if command[0] == "RESTORE", case .bulkString(let bytes) = payload {
                    _ = try await primary.send(command.dropLast().map { Array($0.utf8) } + [bytes])
                    continue
                }
                _ = try await primary.send(strings: command)
            }
            for block in [[["MULTI"], ["SET", "tx:a", "1"], ["LPUSH", "tx:list", "x"], ["EXEC"]]] {
                for command in block { _ = try await primary.send(strings: command) }
            }
            #expect(try await primary.send("WAIT", "1", "5000") == .integer(1))
            let info = try await primary.send("INFO", "replication").stringValue ?? ""
            #expect(info.contains("connected_slaves:1\r\n"))

            for db in ["0", "3"] {
                _ = try await primary.send("SELECT", db)
                _ = try await replica.send("SELECT", db)
                let keys = (try await primary.send("KEYS", "*")).arrayValue?.compactMap(\.stringValue).sorted() ?? []
                let replicated = (try await replica.send("KEYS", "*")).arrayValue?.compactMap(\.stringValue).sorted() ?? []
                #expect(replicated == keys, "db \(db)")
                for key in keys {
                    let type = try await primary.send("TYPE", key).stringValue ?? ""
                    for command in DumpRestoreDifferentialTests.describe(key, type: type) + [["PEXPIRETIME", key]] {
                        // A Redis 7.0 primary replicates XREADGROUP's new group position only as
                        // XCLAIM … LASTID, which leaves a replica's entries-read and lag behind:
                        // the stream matches Redis's own, so those two fields are not compared.
                        let want = Self.withoutReadCounters(DumpRestoreDifferentialTests.withoutNodeCounts(try await primary.send(strings: command)))
                        #expect(Self.withoutReadCounters(DumpRestoreDifferentialTests.withoutNodeCounts(try await replica.send(strings: command))) == want, "\(command)")
                    }
                    if type == "stream" {
                        let pending = ["XPENDING", key, "readers", "-", "+", "10"]
                        let want = DumpRestoreDifferentialTests.withoutIdle(try await primary.send(strings: pending))
                        #expect(DumpRestoreDifferentialTests.withoutIdle(try await replica.send(strings: pending)) == want)
                    }
                }
            }
            #expect(try await replica.send("FCALL", "touch", "1", "other") == .error("READONLY You can't write against a read only replica."))
            await replica.close()
            await primary.close()
            await served.stop()
        }

        /// XINFO GROUPS without each group's `entries-read` and `lag`.
        static func withoutReadCounters(_ reply: RESPValue) -> RESPValue {
            guard let groups = reply.arrayValue, groups.allSatisfy({ $0.arrayValue?.first?.stringValue == "name" }) else { return reply }
            return .array(groups.map { group in
                let items = group.arrayValue ?? []
                var kept: [RESPValue] = []
                for index in stride(from: 0, to: items.count - 1, by: 2)
                where !["entries-read", "lag"].contains(items[index].stringValue ?? "") {
                    kept += [items[index], items[index + 1]]
                }
                return .array(kept)
            })
        }

        private func waitUntil(_ condition: () async throws -> Bool) async throws {
            let deadline = Date().addingTimeInterval(20)
            while try await !condition() {
                guard Date() < deadline else {
                    Issue.record("the replica did not connect within 20 s")
                    return
                }
                try await Task.sleep(for: .milliseconds(50))
            }
        }
    }
}
