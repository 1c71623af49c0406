import Foundation
import RedislingsTestSupport
import Testing

/// `redislings grade --live` on a real redis-server: each job gets its own database, only the
/// exercises' keys are touched, and the scores match the simulator's.
@Suite(.serialized) struct GradeLiveTests {
    @Test func gradesOnALiveRedisWithoutTouchingOtherKeys() async throws {
        guard RedisServerProcess.isInstalled else {
            print("GradeLiveTests skipped: redis-server is not installed")
            return
        }
        let server = try RedisServerProcess()
        defer { server.stop() }
        let binary = try RedislingsBinary.built()
        let fixtures = GradeCommandTests.fixtures
        let work = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("grade-live-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        for student in ["ada", "jon", "h-flushall", "h-lua-flushall", "h-select"] {
            try FileManager.default.createDirectory(at: work.appendingPathComponent("fall"), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: fixtures.appendingPathComponent("Class/\(student)"), to: work.appendingPathComponent("fall/\(student)"))
        }
        let cli = "redis-cli -p \(server.port)"
        for database in [0, 3, 4] {
            #expect(try runShell("\(cli) -n \(database) SET keep:me precious").output == "OK\n")
        }
        let arguments = [
            "grade", "fall", "--lessons", fixtures.appendingPathComponent("Course/Lessons").path,
            "--exercises", fixtures.appendingPathComponent("Course/Exercises").path, "--out", "reports",
            "--live", "redis://127.0.0.1:\(server.port)/3", "--jobs", "2", "--time-limit", "10", "--no-gradebook",
        ]
        let environment = ["REDISLINGS_HOME": work.appendingPathComponent("home").path]
        let refused = try await binary.runOffThePool(arguments, in: work.path, environment: environment)
        #expect(refused.status != 0)
        #expect(refused.standardError.contains("database 3 of Redis at redis://127.0.0.1:\(server.port)/3 holds 1 key;"))

        let graded = try await binary.runOffThePool(arguments + ["--allow-nonempty"], in: work.path, environment: environment)
        graded.expect(status: 0)
        #expect(graded.standardOutput.contains("on the Redis at redis://127.0.0.1:\(server.port)/3 (databases 3–4)"))
        #expect(try String(contentsOf: work.appendingPathComponent("reports/gradebook.csv"), encoding: .utf8) == """
            student,ex-counter,ex-publish,ex-lock,ex-stream,total,late,comments
            max points,10,6,9,5,30,,
            ada,10,6,9,5,30,,
            h-flushall,0,6,9,5,20,,
            h-lua-flushall,10,6,0,5,21,,
            h-select,0,6,9,5,20,,
            jon,7,2,6,2,17,,

            """)
        // Every database still holds the key it had, and nothing the exercises left behind.
        for database in [0, 3, 4] {
            #expect(try runShell("\(cli) -n \(database) GET keep:me").output == "precious\n")
            #expect(try runShell("\(cli) -n \(database) DBSIZE").output == "1\n", "database \(database)")
        }
    }
}
