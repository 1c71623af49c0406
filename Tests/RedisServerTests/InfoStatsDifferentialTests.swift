import Foundation
import RESP
import RedislingsTestSupport
import Testing

/// INFO stats names the fields redis-server 7.0.15 names, in its order: tools and Redis's own
/// tests read fields such as migrate_cached_sockets and sync_full by name.
@Suite(.enabled(if: RedisServerProcess.isInstalled, "redis-server is not installed: INFO stats differential test skipped"))
struct InfoStatsDifferentialTests {
    static func statsFieldNames(port: Int) throws -> [String] {
        let client = try RawClient(port: port)
        client.send(IntrospectionDifferentialTests.encode(["INFO", "stats"]))
        guard let text = try client.read()?.stringValue else { throw TestServerError("INFO stats gave no text") }
        return text.split(separator: "\r\n").filter { !$0.hasPrefix("#") }.compactMap { $0.split(separator: ":").first.map(String.init) }
    }

    @Test func statsFieldsMatchRedis() async throws {
        let redis = try RedisServerProcess()
        defer { redis.stop() }
        let served = try await ServedSimulator()
        let theirs = try Self.statsFieldNames(port: redis.port)
        #expect(theirs.contains("migrate_cached_sockets"))
        #expect(try Self.statsFieldNames(port: served.port) == theirs)
        await served.stop()
    }
}
