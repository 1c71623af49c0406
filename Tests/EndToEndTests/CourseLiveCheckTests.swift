import Foundation
import RedislingsTestSupport
import Testing

/// `redislings dev check --live` on the course itself: every lesson block and quiz answer runs,
/// and every exercise fails untouched, passes with its solution and pays no wrong answer more than
/// it may, on the simulator and on a real redis-server. The live half waits out the exercises' `advance` steps in real time, so
/// it runs off the shared test threads.
@Suite struct CourseLiveCheckTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func theCoursePassesDevCheckOnTheSimulatorAndOnRedis() async throws {
        guard RedisServerProcess.isInstalled else {
            print("skipped: redis-server is not installed, so dev check --live was not run on the course")
            return
        }
        let binary = try RedislingsBinary.built()
        let server = try RedisServerProcess()
        defer { server.stop() }
        let url = "redis://127.0.0.1:\(server.port)/2"
        let scratch = NSTemporaryDirectory() + "redislings-course-live-\(UUID().uuidString)"
        let output = try await binary.runOffThePool(
            ["--lessons", Self.root.appendingPathComponent("Lessons").path, "dev", "check", "--live", url],
            in: Self.root.path, environment: ["REDISLINGS_HOME": scratch])
        output.expect(status: 0)
        #expect(output.standardOutput.contains("runnable redis blocks (run in order on the simulator)"))
        #expect(output.standardOutput.contains("each fails untouched and passes with its solution on simulator and \(url); "))
        #expect(output.standardOutput.contains(" wrong answers earn no more than they may."))
        // The course cleans up after itself: only the exercises' declared keys were ever touched.
        let left = try runShell("redis-cli -p \(server.port) -n 2 DBSIZE")
        #expect(left.output.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
    }
}
