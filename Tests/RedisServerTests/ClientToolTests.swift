import Foundation
import RedislingsTestSupport
import Testing

/// redis-cli and redis-py against the served simulator give what they give against redis-server.
@Suite(.enabled(if: RedisServerProcess.isInstalled && findExecutable("redis-cli") != nil,
    "redis-server or redis-cli is not installed: client tool tests skipped"))
struct ClientToolTests {
    static let scripts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Scripts")

    /// Runs `command` (with PORT replaced) against redis-server and against the served simulator.
    func compare(_ command: String) async throws {
        let real = try RedisServerProcess()
        let served = try await ServedSimulator()
        let expected = try runShell(command.replacingOccurrences(of: "PORT", with: String(real.port)))
        let actual = try runShell(command.replacingOccurrences(of: "PORT", with: String(served.port)))
        real.stop()
        await served.stop()
        #expect(expected.status == 0, "against redis-server: \(expected.output)")
        #expect(actual.status == expected.status)
        #expect(actual.output == expected.output)
    }

    @Test func redisCliGivesTheSameAnswers() async throws {
        let session = Self.scripts.appendingPathComponent("redis_cli_session.txt").path
        try await compare("redis-cli -p PORT < '\(session)'")
    }

    @Test func redisCliInlineArgumentsAndRawOutput() async throws {
        try await compare("redis-cli -p PORT SET k 'a b' && redis-cli -p PORT --raw GET k && redis-cli -p PORT --no-raw RPUSH l 1 2 3")
    }

    @Test(.enabled(if: runShellSucceeds("python3 -c 'import redis'"), "python3 with the redis package is not installed: redis-py test skipped"))
    func redisPyRunsTheLessonsPatterns() async throws {
        let script = Self.scripts.appendingPathComponent("lesson_patterns.py").path
        try await compare("python3 '\(script)' PORT")
    }
}

func runShellSucceeds(_ command: String) -> Bool {
    (try? runShell(command, timeout: 20).status) == 0
}
