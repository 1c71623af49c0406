import Foundation
import RedislingsTestSupport
import Testing

/// The comparison benchmarks run end to end at tiny sizes (their figures are not checked: a
/// shared machine makes them noise; the scripts print ratios for people to read).
@Suite(.serialized) struct BenchmarkScriptTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    @Test func fanOutBenchmarkDeliversEveryMessageToEverySubscriber() async throws {
        guard let binary = try Self.prerequisites() else { return }
        let result = try await runShellOffThePool(
            "cd \(Self.packageRoot) && REDISLINGS_BINARY=\(binary) Benchmarks/pubsub-fanout.sh 5 50 8 '1 3'", timeout: 120)
        #expect(result.status == 0, "\(result.output)")
        for row in ["1    plain", "1    pattern", "3    plain", "3    pattern"] {
            #expect(result.output.contains(row), "no row \(row) in \(result.output)")
        }
        #expect(result.output.contains("msg/s ratio (serve/redis): geometric mean"), "\(result.output)")
        // Each row ends with the client's share of a core while loaded.
        let rows = result.output.split(separator: "\n").filter { $0.contains("serve ") || $0.contains("redis ") }.filter { $0.contains(" us ") }
        #expect(rows.count == 8, "\(result.output)")
        for row in rows {
            #expect(row.split(separator: "|").last.flatMap { Double($0.trimmingCharacters(in: .whitespaces)) } != nil, "no client share in \(row)")
        }
    }

    /// Each test of the redis-benchmark comparison prints its ratio and, last, the share of a
    /// core redis-benchmark used against each server. Two tests at a tiny size: the whole run
    /// loads both cores for half a minute, and the timing of the tests beside it suffered.
    @Test func redisBenchmarkComparisonPrintsRatiosAndTheClientsShare() async throws {
        guard let binary = try Self.prerequisites() else { return }
        let result = try await runShellOffThePool(
            "cd \(Self.packageRoot) && TESTS='PING zrange' ROUNDS=1 REDISLINGS_BINARY=\(binary) Benchmarks/serve-vs-redis.sh 50 800",
            timeout: 300)
        #expect(result.status == 0, "\(result.output)")
        let rows = result.output.split(separator: "\n").filter { $0.contains(" c50") }
        #expect(rows.map { $0.prefix(8).trimmingCharacters(in: .whitespaces) } == ["PING", "ZRANGE", "PING", "ZRANGE"], "\(result.output)")
        for row in rows {
            let shares = row.split(separator: "|").last?.split(separator: " ").compactMap { Double($0) } ?? []
            #expect(shares.count == 2 && shares.allSatisfy { $0 > 0 && $0 < 2.5 }, "no client shares in \(row)")
        }
        #expect(result.output.contains("geometric mean of ratios:"), "\(result.output)")
    }

    @Test func anUnknownBenchmarkTestIsNamed() async throws {
        let result = try await runShellOffThePool("cd \(Self.packageRoot) && TESTS='PING PONG' Benchmarks/serve-vs-redis.sh", timeout: 60)
        #expect(result.status != 0)
        #expect(result.output.contains("TESTS names no test called PONG (the tests: PING SET GET"), "\(result.output)")
    }

    @Test func anAARunComparesServeWithASecondServe() async throws {
        guard let binary = try Self.prerequisites() else { return }
        let result = try await runShellOffThePool(
            "cd \(Self.packageRoot) && AGAINST=serve ROUNDS=1 REDISLINGS_BINARY=\(binary) Benchmarks/pubsub-fanout.sh 5 50 8 1",
            timeout: 120)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("A/A run (AGAINST=serve)"), "\(result.output)")
        #expect(result.output.contains("1    plain"), "\(result.output)")
    }

    @Test func anUnknownServerToCompareWithIsNamed() async throws {
        guard let binary = try Self.prerequisites() else { return }
        let result = try await runShellOffThePool(
            "cd \(Self.packageRoot) && AGAINST=valkey REDISLINGS_BINARY=\(binary) Benchmarks/pubsub-fanout.sh 5 50 8 1",
            timeout: 60)
        #expect(result.status != 0)
        #expect(result.output.contains("AGAINST=valkey names no server to compare with"), "\(result.output)")
    }

    @Test func memoryBenchmarkMeasuresACase() async throws {
        guard let binary = try Self.prerequisites() else { return }
        let result = try await runShellOffThePool(
            "cd \(Self.packageRoot) && MEMORY_CASES=list-small REDISLINGS_BINARY=\(binary) Benchmarks/memory.sh 200 0",
            timeout: 120)
        #expect(result.status == 0, "\(result.output)")
        let row = result.output.split(separator: "\n").first { $0.hasPrefix("list-small") }
        #expect(row.map { $0.contains(" MB") } == true, "\(result.output)")
    }

    /// The redislings binary, or nil (with the reason printed) when redis-server or a C compiler
    /// with hiredis is truly absent.
    static func prerequisites() throws -> String? {
        guard RedisServerProcess.isInstalled else {
            print("BenchmarkScriptTests skipped: redis-server is not installed")
            return nil
        }
        guard FileManager.default.fileExists(atPath: "/usr/include/hiredis/hiredis.h") else {
            print("BenchmarkScriptTests skipped: libhiredis-dev is not installed")
            return nil
        }
        return try RedislingsBinary.built().path
    }
}
