import Testing
import RESP
@testable import RedisSimulator

/// The parts of the core surface a differential case cannot pin down: which key an LRU
/// eviction picks, the slow log's trimming and its redaction, and LATENCY HISTOGRAM's buckets.
@Suite struct CoreSurfaceTests {
    private func run(_ simulator: Simulator, _ client: SimulatorClient, _ words: String...) -> RESPValue {
        switch simulator.execute(words.map { ByteString($0) }, for: client) {
        case .reply(let reply): return reply
        case .replies(let replies): return replies.first ?? .nullBulkString
        case .blocked, .snapshot: return .nullArray
        }
    }

    @Test func allkeysLRUEvictsTheLeastRecentlyUsedKey() {
        let clock = SimulatorClock()
        let simulator = Simulator(clock: clock)
        let client = simulator.connect()
        _ = run(simulator, client, "SET", "old", "1")
        clock.advance(milliseconds: 5000)
        _ = run(simulator, client, "SET", "new", "2")
        _ = run(simulator, client, "CONFIG", "SET", "maxmemory-samples", "64")
        _ = run(simulator, client, "CONFIG", "SET", "maxmemory-policy", "allkeys-lru")
        let used = simulator.withLock { $0.estimatedMemoryUsage(countingElements: true) }
        // Room for every key but one: the next command evicts exactly the idlest.
        _ = run(simulator, client, "CONFIG", "SET", "maxmemory", String(used - 10))
        #expect(run(simulator, client, "EXISTS", "old") == .integer(0))
        #expect(run(simulator, client, "EXISTS", "new") == .integer(1))
        let info = run(simulator, client, "INFO", "stats").stringValue ?? ""
        #expect(info.contains("evicted_keys:1\r\n"))
    }

    @Test func objectIdletimeCountsFromTheLastTouchingRead() {
        let clock = SimulatorClock()
        let simulator = Simulator(clock: clock)
        let client = simulator.connect()
        _ = run(simulator, client, "SET", "k", "v")
        clock.advance(milliseconds: 3000)
        _ = run(simulator, client, "TTL", "k")
        _ = run(simulator, client, "PTTL", "k")
        _ = run(simulator, client, "TYPE", "k")
        _ = run(simulator, client, "EXISTS", "k")
        #expect(run(simulator, client, "OBJECT", "IDLETIME", "k") == .integer(3))
        _ = run(simulator, client, "GET", "k")
        #expect(run(simulator, client, "OBJECT", "IDLETIME", "k") == .integer(0))
    }

    @Test func typeCountsKeyspaceHitsAndMisses() {
        let simulator = Simulator(clock: SimulatorClock())
        let client = simulator.connect()
        _ = run(simulator, client, "SET", "k", "v")
        _ = run(simulator, client, "TYPE", "k")
        _ = run(simulator, client, "TYPE", "missing")
        let info = run(simulator, client, "INFO", "stats").stringValue ?? ""
        #expect(info.contains("keyspace_hits:1\r\n"))
        #expect(info.contains("keyspace_misses:1\r\n"))
    }

    @Test func slowlogKeepsTheNewestEntriesAndRedactsSecrets() {
        let simulator = Simulator(clock: SimulatorClock())
        let client = simulator.connect()
        _ = run(simulator, client, "CONFIG", "SET", "slowlog-log-slower-than", "0")
        _ = run(simulator, client, "CONFIG", "SET", "slowlog-max-len", "3")
        _ = run(simulator, client, "CONFIG", "SET", "requirepass", "hunter2")
        _ = run(simulator, client, "AUTH", "hunter2")
        _ = run(simulator, client, "SET", "k", String(repeating: "A", count: 130))
        #expect(run(simulator, client, "SLOWLOG", "LEN") == .integer(3))
        guard case .array(let entries) = run(simulator, client, "SLOWLOG", "GET") else {
            Issue.record("SLOWLOG GET is not an array")
            return
        }
        let arguments = entries.compactMap { entry -> [String]? in
            guard case .array(let fields) = entry, fields.count == 6, case .array(let args) = fields[3] else { return nil }
            return args.compactMap(\.stringValue)
        }
        #expect(arguments.first == ["SLOWLOG", "LEN"])
        #expect(arguments.contains(["SET", "k", String(repeating: "A", count: 128) + "... (2 more bytes)"]))
        #expect(arguments.contains(["AUTH", "(redacted)"]))
    }

    @Test func migrateHidesItsPasswordsAsRedisParsesThem() {
        func logged(_ words: String...) -> [String] {
            SecretArguments.migrateAuth.redacted(words.map { ByteString($0) }).map(\.string)
        }
        let head = ["MIGRATE", "127.0.0.1", "6379", "key", "9", "5000"]
        #expect(logged("MIGRATE", "127.0.0.1", "6379", "key", "9", "5000", "AUTH", "pw") == head + ["AUTH", "(redacted)"])
        #expect(logged("MIGRATE", "127.0.0.1", "6379", "key", "9", "5000", "COPY", "AUTH2", "u", "pw", "KEYS", "AUTH")
            == head + ["COPY", "AUTH2", "(redacted)", "(redacted)", "KEYS", "AUTH"])
        // Redis stops at a word it does not know (its syntax error), so nothing after it is hidden.
        #expect(logged("MIGRATE", "127.0.0.1", "6379", "key", "9", "5000", "BOGUS", "AUTH", "pw") == head + ["BOGUS", "AUTH", "pw"])
    }

    @Test func latencyHistogramBucketsArePowersOfTwoMicroseconds() throws {
        let set = try #require(CommandTable.standard.lookup("SET"))
        var histograms = LatencyHistograms()
        for nanoseconds: Int64 in [500, 1500, 3000] { histograms.record(set, nanoseconds: nanoseconds) }
        #expect(histograms.all.keys.sorted() == ["set"])
        #expect(histograms.all["set"]?.reply == .map([
            .bulk("calls"), .integer(3),
            .bulk("histogram_usec"), .map([.integer(1), .integer(1), .integer(2), .integer(2), .integer(4), .integer(3)]),
        ]))
    }

    @Test func latencyBucketsDoubleFrom1024NanosecondsUpToTheLast() {
        let cases: [(Int64, Int)] = [
            (0, 0), (1023, 0), (1024, 1), (2047, 1), (2048, 2), (4095, 2), (4096, 3),
            (1024 << 38, 39), ((1024 << 39) - 1, 39), (1024 << 39, 40), (Int64.max, 40),
        ]
        for (nanoseconds, bucket) in cases {
            #expect(LatencyHistograms.bucket(nanoseconds) == bucket, "\(nanoseconds) ns")
        }
    }
}
