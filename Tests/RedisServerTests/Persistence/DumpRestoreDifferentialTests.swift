import LiveRedis
import RESP
import RedisSimulator
import RedislingsTestSupport
import Testing

extension PersistenceServerTests {
    /// DUMP and RESTORE against a real redis-server 7.0.15: every type in every encoding is
    /// written to both, each side's payload restores on the other with the same contents and
    /// encoding, and where Redis's layout is deterministic the payloads are the same bytes.
    @Suite struct DumpRestoreDifferentialTests {
        /// Writes that leave one key of each type and encoding (and some that change encoding).
        static let setup: [[String]] = [
            ["SET", "str:small", "hello"], ["SET", "str:int8", "-7"], ["SET", "str:int16", "12345"],
            ["SET", "str:int32", "-2000000000"], ["SET", "str:int64", "123456789012"], ["SET", "str:leadingzero", "007"],
            ["SET", "str:lzf", String(repeating: "abc", count: 40)], ["SET", "str:incompressible", "the quick brown fox jumps over a lazy dog"],
            ["SET", "str:empty", ""], ["APPEND", "str:appended", "12"],
            ["RPUSH", "list:small", "a", "b", "1", "300", "-5", "70000", "9999999999", String(repeating: "x", count: 70)],
            ["RPUSH", "list:nodes"] + (1...3000).map(String.init),
            ["RPUSH", "list:big", String(repeating: "y", count: 5000), String(repeating: "z", count: 9000), "tail"],
            ["SADD", "set:intset16", "1", "2", "-100"], ["SADD", "set:intset32", "1", "70000"], ["SADD", "set:intset64", "1", "5000000000"],
            ["SADD", "set:hashtable", "a", "b", "c"], ["SADD", "set:bigints"] + (1...600).map(String.init),
            ["HSET", "hash:listpack", "f1", "v1", "n", "2", "long", String(repeating: "q", count: 60)],
            ["HSET", "hash:hashtable", "big", String(repeating: "w", count: 100), "f", "1"],
            ["ZADD", "zset:listpack", "1", "a", "2.5", "b", "-3", "c", "1e20", "d", "0", "e", "-0.125", "f", "4611686018427387904", "g"],
            ["ZADD", "zset:skiplist", "1", String(repeating: "m", count: 100), "2", "x", "-inf", "low", "inf", "high"],
            ["XADD", "stream:plain", "1-1", "f", "v", "g", "w"], ["XADD", "stream:plain", "1-2", "f", "v2", "g", "w2"],
            ["XADD", "stream:plain", "5-0", "other", "1"], ["XADD", "stream:plain", "6-0", "f", "v3", "g", "w3"],
            ["XDEL", "stream:plain", "1-2"],
            ["XGROUP", "CREATE", "stream:plain", "readers", "0"],
            ["XREADGROUP", "GROUP", "readers", "alice", "COUNT", "2", "STREAMS", "stream:plain", ">"],
            ["XGROUP", "CREATE", "stream:plain", "late", "$"], ["XGROUP", "CREATECONSUMER", "stream:plain", "late", "bob"],
            ["XADD", "stream:empty", "MAXLEN", "0", "7-0", "a", "b"], // an explicit id: `*` differs by the ms each server reads
            // HyperLogLogs are strings holding Redis's own bytes: sparse, and dense with a cached count.
            ["PFADD", "hll:sparse", "a", "b", "c"], ["PFADD", "hll:dense"] + (1...3000).map { "visitor:\($0)" }, ["PFCOUNT", "hll:dense"],
        ] + (0..<250).map { ["XADD", "stream:nodes", "\($0 + 1)-0", "field", String(repeating: "v", count: $0 % 90)] }

        /// Keys whose payload is not fully determined by their contents: Redis's hash tables
        /// iterate in hash-seed order, and stream payloads carry delivery and seen times.
        static let layoutVaries: Set<String> = ["set:hashtable", "set:bigints", "hash:hashtable", "stream:plain"]

        /// Commands whose replies describe a key completely (contents, encoding, stream metadata).
        static func describe(_ key: String, type: String) -> [[String]] {
            // PFADD makes a `raw` string however short, and Redis loads a short one as `embstr`,
            // so a HyperLogLog's encoding differs between an original and its copy in Redis too.
            let isHyperLogLog = key.hasPrefix("hll:")
            var commands: [[String]] = isHyperLogLog ? [["TYPE", key]] : [["TYPE", key], ["OBJECT", "ENCODING", key]]
            switch type {
            case "string": commands += isHyperLogLog ? [["GET", key], ["PFCOUNT", key]] : [["GET", key]]
            case "list": commands.append(["LRANGE", key, "0", "-1"])
            case "set": commands += [["SCARD", key], ["SMISMEMBER", key, "1", "2", "a", "c", "5000000000", "599", "zz"]]
            case "hash":
                // HGETALL's order is the hash table's in a `hashtable` hash, so fields are asked by name.
                commands += [["HLEN", key], ["HMGET", key, "f1", "n", "long", "big", "f", "missing"]]
            case "zset": commands.append(["ZRANGE", key, "0", "-1", "WITHSCORES"])
            case "stream":
                commands += [["XRANGE", key, "-", "+"], ["XINFO", "STREAM", key], ["XINFO", "GROUPS", key]]
            default: break
            }
            return commands
        }

        @Test func everyEncodingRoundTripsBetweenRedisAndTheSimulator() async throws {
            guard RedisServerProcess.isInstalled else {
                print("skipped: redis-server is not installed")
                return
            }
            let server = try RedisServerProcess()
            defer { server.stop() }
            let redis = try await LiveRedisConnection.connect(to: RedisURL(port: server.port))
            let simulator = SimulatorConnection(Simulator())
            for command in Self.setup {
                let expected = try await redis.send(strings: command)
                let got = try await simulator.send(strings: command)
                if command[0] != "XREADGROUP" { #expect(got == expected, "\(command)") }
            }
            let keys = (try await redis.send("KEYS", "*")).arrayValue?.compactMap(\.stringValue).sorted() ?? []
            #expect(keys.count == 27)
            for key in keys {
                let type = try await redis.send("TYPE", key).stringValue ?? ""
                let fromRedis = try await redis.send("DUMP", key)
                let fromSimulator = try await simulator.send("DUMP", key)
                guard case .bulkString(let redisPayload) = fromRedis, case .bulkString(let simulatorPayload) = fromSimulator else {
                    Issue.record("DUMP \(key): \(fromRedis) / \(fromSimulator)")
                    continue
                }
                if !Self.layoutVaries.contains(key) {
                    #expect(simulatorPayload == redisPayload, "DUMP \(key) differs from redis-server's")
                }
                // Redis's payload restored in the simulator, and the simulator's in Redis.
                #expect(try await simulator.send([Array("RESTORE".utf8), Array("copy:\(key)".utf8), Array("0".utf8), redisPayload]) == .ok)
                #expect(try await redis.send([Array("RESTORE".utf8), Array("copy:\(key)".utf8), Array("0".utf8), simulatorPayload]) == .ok)
                for command in Self.describe(key, type: type) {
                    let original = Self.withoutNodeCounts(try await redis.send(strings: command))
                    let copyCommand = command.map { $0 == key ? "copy:\(key)" : $0 }
                    #expect(Self.withoutNodeCounts(try await simulator.send(strings: copyCommand)) == original, "simulator \(copyCommand)")
                    #expect(Self.withoutNodeCounts(try await redis.send(strings: copyCommand)) == original, "redis \(copyCommand)")
                }
                if type == "stream" {
                    let pending = ["XPENDING", key, "readers", "-", "+", "10"]
                    let original = try await redis.send(strings: pending)
                    let copied = try await simulator.send(strings: pending.map { $0 == key ? "copy:\(key)" : $0 })
                    // Idle times move on between the two reads; owners and delivery counts must not.
                    #expect(Self.withoutIdle(copied) == Self.withoutIdle(original))
                }
            }
            await redis.close()
        }

        /// XINFO STREAM without `radix-tree-keys` and `radix-tree-nodes`: the simulator's stream
        /// log splits its nodes by entry count alone, so those counts are its own.
        static func withoutNodeCounts(_ reply: RESPValue) -> RESPValue {
            guard let items = reply.arrayValue, items.first?.stringValue == "length" else { return reply }
            var kept: [RESPValue] = []
            for index in stride(from: 0, to: items.count - 1, by: 2) where !(items[index].stringValue ?? "").hasPrefix("radix-tree") {
                kept += [items[index], items[index + 1]]
            }
            return .array(kept)
        }

        static func withoutIdle(_ reply: RESPValue) -> [[RESPValue]] {
            (reply.arrayValue ?? []).map { entry in
                let items = entry.arrayValue ?? []
                return items.enumerated().filter { $0.offset != 2 }.map(\.element)
            }
        }
    }
}
