import LiveRedis
import RESP
import RedisScripting
import RedisSimulator
import RedislingsTestSupport
import Testing

extension PersistenceServerTests {
    /// FUNCTION DUMP against a real redis-server 7.0.15, taken while both run: the same libraries
    /// dump to the same bytes, and each side's payload restores on the other with the same
    /// libraries, flags, code and results (issue 19: dumps restore across the two).
    @Suite struct FunctionDumpDifferentialTests {
        /// Libraries that exercise the payload: a short one, one long and repetitive enough that
        /// Redis LZF-compresses it, one with flags and a description, one with non-UTF-8 bytes.
        static let libraries: [[UInt8]] = [
            Array("#!lua name=small\nredis.register_function('one', function() return 1 end)".utf8),
            Array(("#!lua name=long\n" + (1...40).map { "-- padding line \($0) of a long library\n" }.joined()
                + "redis.register_function('counter', function(keys) return redis.call('INCR', keys[1]) end)\n"
                + "redis.register_function('echo', function(keys, args) return args end)").utf8),
            Array(("#!lua name=flagged\nredis.register_function{function_name='reader', callback=function(keys) return redis.call('GET', keys[1]) end, "
                + "flags={'no-writes', 'allow-stale'}, description='reads one key'}\n"
                + "redis.register_function{function_name='writer', callback=function(keys, args) return redis.call('SET', keys[1], args[1]) end, flags={'allow-oom'}}").utf8),
            Array("#!lua name=bytes\n-- ".utf8) + [0xFF, 0xFE, 0x00, 0x80] + Array("\nredis.register_function('raw', function() return '\\255\\0x' end)".utf8),
        ]

        /// Calls whose replies show that every restored function runs as the original did.
        static let calls: [[String]] = [
            ["FCALL", "one", "0"], ["FCALL", "counter", "1", "fn:n"], ["FCALL", "counter", "1", "fn:n"],
            ["FCALL", "echo", "0", "a", "b"], ["FCALL", "writer", "1", "fn:k", "v"], ["FCALL_RO", "reader", "1", "fn:k"],
            ["FCALL_RO", "writer", "1", "fn:k", "w"], ["FCALL", "raw", "0"], ["FUNCTION", "STATS"],
        ]

        /// FUNCTION LIST WITHCODE with libraries and their functions sorted by name: Redis lists
        /// both in its dictionaries' order, which depends on its hash seed.
        static func listed(_ connection: any RedisConnection) async throws -> RESPValue {
            func name(_ entry: RESPValue, key: String) -> [UInt8] {
                let items = entry.arrayValue ?? []
                for index in stride(from: 0, to: items.count - 1, by: 2) where items[index].stringValue == key {
                    if case .bulkString(let bytes) = items[index + 1] { return bytes }
                }
                return []
            }
            let libraries = try await connection.send("FUNCTION", "LIST", "WITHCODE").arrayValue ?? []
            let sorted = libraries.map { library -> RESPValue in
                var items = library.arrayValue ?? []
                for index in stride(from: 0, to: items.count - 1, by: 2) where items[index].stringValue == "functions" {
                    let functions = items[index + 1].arrayValue ?? []
                    items[index + 1] = .array(functions.sorted { name($0, key: "name").lexicographicallyPrecedes(name($1, key: "name")) })
                }
                return .array(items)
            }
            return .array(sorted.sorted { name($0, key: "library_name").lexicographicallyPrecedes(name($1, key: "library_name")) })
        }

        @Test func payloadsRestoreAcrossRedisAndTheSimulator() async throws {
            guard RedisServerProcess.isInstalled else {
                print("skipped: redis-server is not installed")
                return
            }
            let server = try RedisServerProcess()
            defer { server.stop() }
            let redis = try await LiveRedisConnection.connect(to: RedisURL(port: server.port))
            let engine = Simulator()
            engine.installScripting(LuaScripting())
            let simulator = SimulatorConnection(engine)

            for (index, library) in Self.libraries.enumerated() {
                let load = [Array("FUNCTION".utf8), Array("LOAD".utf8), library]
                let expected = try await redis.send(load)
                #expect(try await simulator.send(load) == expected)
                #expect(expected.stringValue != nil, "redis-server refused a library: \(expected)")
                if index < 2 {
                    // With one library the payload has one layout: the same bytes, compressed
                    // by LZF (the long library) or not (the short one).
                    let dumped = try await redis.send("FUNCTION", "DUMP")
                    #expect(try await simulator.send("FUNCTION", "DUMP") == dumped, "FUNCTION DUMP of \(index + 1) libraries")
                    if index == 0 {
                        #expect(try await redis.send("FUNCTION", "FLUSH") == .ok)
                        #expect(try await simulator.send("FUNCTION", "FLUSH") == .ok)
                    }
                }
            }
            #expect(try await redis.send([Array("FUNCTION".utf8), Array("LOAD".utf8), Self.libraries[0]]) == .bulk("small"))
            #expect(try await simulator.send([Array("FUNCTION".utf8), Array("LOAD".utf8), Self.libraries[0]]) == .bulk("small"))
            guard case .bulkString(let redisPayload) = try await redis.send("FUNCTION", "DUMP"),
                  case .bulkString(let simulatorPayload) = try await simulator.send("FUNCTION", "DUMP") else {
                Issue.record("FUNCTION DUMP did not answer a payload on both sides")
                return
            }
            // With several libraries the payload lists them in Redis's dictionary order, so only
            // the sizes must agree; what each side restores is compared below.
            #expect(simulatorPayload.count == redisPayload.count)
            let before = try await Self.listed(redis)
            #expect(try await Self.listed(simulator) == before)

            // Each side's payload restored on the other, after emptying it.
            #expect(try await redis.send("FUNCTION", "FLUSH") == .ok)
            #expect(try await simulator.send("FUNCTION", "FLUSH") == .ok)
            #expect(try await redis.send([Array("FUNCTION".utf8), Array("RESTORE".utf8), simulatorPayload]) == .ok)
            #expect(try await simulator.send([Array("FUNCTION".utf8), Array("RESTORE".utf8), redisPayload]) == .ok)
            #expect(try await Self.listed(redis) == before)
            #expect(try await Self.listed(simulator) == before)
            for call in Self.calls {
                let expected = try await redis.send(strings: call)
                #expect(try await simulator.send(strings: call) == expected, "\(call)")
            }

            // Restoring over the same libraries: APPEND clashes, REPLACE and FLUSH do not.
            for policy in [[], ["APPEND"], ["REPLACE"], ["FLUSH"]] {
                let toRedis = [Array("FUNCTION".utf8), Array("RESTORE".utf8), simulatorPayload] + policy.map { Array($0.utf8) }
                let toSimulator = [Array("FUNCTION".utf8), Array("RESTORE".utf8), redisPayload] + policy.map { Array($0.utf8) }
                let expected = try await redis.send(toRedis)
                #expect(try await simulator.send(toSimulator) == expected, "FUNCTION RESTORE \(policy)")
            }
            #expect(try await Self.listed(simulator) == (try await Self.listed(redis)))
            await redis.close()
        }
    }
}
