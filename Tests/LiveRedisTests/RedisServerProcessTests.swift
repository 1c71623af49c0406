import Foundation
import LiveRedis
import RESP
import RedislingsTestSupport
import Testing

/// The test fixture's redis-server must never see another test's (or anyone's) `dump.rdb`.
@Suite(.enabled(if: RedisServerProcess.isInstalled, "redis-server is not installed: live Redis tests skipped"))
struct RedisServerProcessTests {
    @Test func eachServerWorksInAFreshDirectoryThatStopRemoves() async throws {
        let server = try RedisServerProcess()
        let other = try RedisServerProcess()
        let connection = try await LiveRedisConnection.connect(to: RedisURL(host: "127.0.0.1", port: server.port))
        let directory = try await connection.send("CONFIG", "GET", "dir")
        let save = try await connection.send("CONFIG", "GET", "save")
        let keys = try await connection.send("DBSIZE")
        await connection.close()
        let real = URL(fileURLWithPath: server.directory).resolvingSymlinksInPath().path
        #expect(directory == .bulkArray(["dir", real]))
        #expect(save == .bulkArray(["save", ""]))
        #expect(keys == .integer(0))
        #expect(server.directory != other.directory)
        #expect(URL(fileURLWithPath: server.directory).standardizedFileURL
            != URL(fileURLWithPath: NSTemporaryDirectory()).standardizedFileURL)
        #expect(try FileManager.default.contentsOfDirectory(atPath: server.directory).isEmpty)
        server.stop()
        other.stop()
        #expect(!FileManager.default.fileExists(atPath: server.directory))
        #expect(!FileManager.default.fileExists(atPath: other.directory))
    }
}
