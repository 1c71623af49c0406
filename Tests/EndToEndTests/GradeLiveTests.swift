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

    /// Item 1 as the issue saw it: four students graded with `--live …/10 --jobs 2`, one with a
    /// script that loops only on the shared server (it never advances its SCAN cursor, which
    /// ends at once on the rehearsal's empty simulator but not beside someone else's keys). The
    /// loop reaches Redis and stops every other job with BUSY; it is killed, its student is told
    /// after how long, and the jobs it got in the way of are run again: the three correct
    /// students keep full marks, the server answers PING and no key outside the jobs changed.
    /// With Redis's default busy-reply-threshold (5 s) the jobs are held until the loop's kill is
    /// due; with 100 ms every job started while the script runs meets BUSY at once (so without
    /// the re-runs they score zero), and the workers waiting for the server must leave the kill
    /// to the loop's own run, or its student reads "infrastructure error" instead of the stop.
    @Test(arguments: [5000, 100])
    func aLoopThatReachesTheServerIsKilledAndTheJobsItDisturbedAreRunAgain(busyReplyThresholdMilliseconds: Int) async throws {
        guard RedisServerProcess.isInstalled else {
            print("GradeLiveTests skipped: redis-server is not installed")
            return
        }
        let server = try RedisServerProcess(extraArguments: ["--busy-reply-threshold", String(busyReplyThresholdMilliseconds)])
        defer { server.stop() }
        let work = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("grade-live-loop-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        try makeClassWithLoop(in: work, lockScript: """
            -- no stale lock:* keys first (the cursor is never advanced: read-only, so SCRIPT KILL stops it)
            local cursor = '0'
            repeat
              local reply = redis.call('SCAN', cursor, 'MATCH', 'lock:*')
            until reply[1] == '0'
            if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', 30000) then return 1 else return 0 end

            """)
        // Someone else's keys in every database: forty in each (a first SCAN does not reach the
        // end of them), and the exercises' own names wherever grading does not run.
        var commands: [String] = []
        for database in 0...15 {
            commands += ["SELECT \(database)", "SET keep:me precious-\(database)", "RPUSH queue a b c"] + (1...40).map { "SET other:\($0) \($0)" }
            if database != 10, database != 11 { commands += ["SET counter 41", "SET lock someone-else"] }
        }
        let filled = try await runShellOffThePool("printf '%s\\n' '\(commands.joined(separator: "\n"))' | redis-cli -p \(server.port) >/dev/null && redis-cli -p \(server.port) -n 10 DBSIZE")
        #expect(filled.output == "42\n", "\(filled.output)")
        let before = try await LiveSafetyTests.snapshot(server.port)
        let graded = try await gradeCountersAndLocks(in: work, port: server.port, timeLimit: 12)
        graded.expect(status: 0)
        #expect(graded.standardOutput.contains("Could not be graded (1, zero points):\n  amy/ex-lock.lua: the script was stopped with SCRIPT KILL after "), "\(graded.standardOutput)")
        #expect(!graded.standardOutput.contains("infrastructure error"), "\(graded.standardOutput)")
        #expect(try String(contentsOf: work.appendingPathComponent("reports/gradebook.csv"), encoding: .utf8) == """
            student,ex-counter,ex-lock,total,late,comments
            max points,10,9,19,,
            ada,10,9,19,,
            amy,10,0,10,,
            bea,10,9,19,,
            cai,10,9,19,,

            """)
        let feedback = try String(contentsOf: work.appendingPathComponent("reports/feedback/amy.md"), encoding: .utf8)
        #expect(feedback.contains("Your submission could not be graded: the script was stopped with SCRIPT KILL after "), "\(feedback)")
        #expect(feedback.contains("past its time budget of 2 s"), "\(feedback)")
        // The loop did reach the server and turn the other jobs away: their full marks come
        // from the runs made again once it was killed.
        let errors = try await runShellOffThePool("redis-cli -p \(server.port) INFO errorstats").output
        // INFO's lines end in CRLF, one Character in Swift.
        let busy = errors.split(whereSeparator: \.isNewline).first { $0.hasPrefix("errorstat_BUSY:count=") }
        #expect((busy.flatMap { Int($0.dropFirst("errorstat_BUSY:count=".count)) } ?? 0) > 0, "\(errors)")
        #expect(try await runShellOffThePool("redis-cli -p \(server.port) PING").output == "PONG\n")
        #expect(try await LiveSafetyTests.snapshot(server.port) == before)
        #expect(try await runShellOffThePool("redis-cli -p \(server.port) ACL USERS").output == "default\n")
    }

    /// Item 1's last case: a script that writes and then loops only on the shared server cannot
    /// be killed (Redis answers UNKILLABLE; only SHUTDOWN NOSAVE ends it). Its student is told
    /// so, as their own doing; every job it kept from the server is an infrastructure error,
    /// not its student's, naming what to do; and `grade` warns that the server is not answering.
    @Test func aLoopThatWroteOnTheServerIsItsStudentsAndTheJobsItBlockedAreInfrastructureErrors() async throws {
        guard RedisServerProcess.isInstalled else {
            print("GradeLiveTests skipped: redis-server is not installed")
            return
        }
        // 100 ms: the other jobs meet BUSY at once, the student's own kill lands at its budget.
        let server = try RedisServerProcess(extraArguments: ["--busy-reply-threshold", "100"])
        defer { server.stop() }
        let work = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("grade-live-unkillable-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        // Takes the lock, then looks for stale lock:* keys without advancing the cursor.
        try makeClassWithLoop(in: work, lockScript: """
            local taken = redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', 30000)
            local cursor = '0'
            repeat
              local reply = redis.call('SCAN', cursor, 'MATCH', 'lock:*')
            until reply[1] == '0'
            if taken then return 1 else return 0 end

            """)
        let commands = [10, 11].flatMap { database in ["SELECT \(database)"] + (1...40).map { "SET other:\($0) \($0)" } }
        _ = try await runShellOffThePool("printf '%s\\n' '\(commands.joined(separator: "\n"))' | redis-cli -p \(server.port) >/dev/null")
        let graded = try await gradeCountersAndLocks(in: work, port: server.port, timeLimit: 6)
        // Only SHUTDOWN NOSAVE ends the script.
        let answered = try await runShellOffThePool("redis-cli -p \(server.port) PING; redis-cli -p \(server.port) SHUTDOWN NOSAVE").output
        #expect(answered.hasPrefix("BUSY"), "\(answered)")
        // The reports are written, and the exit status tells a script that some answers were never judged.
        graded.expect(status: 3)
        #expect(graded.standardError.contains("not graded because of an infrastructure error, not the students'"), "\(graded.standardError)")
        #expect(graded.standardError.contains("grade again with --only ex-"), "\(graded.standardError)")
        #expect(FileManager.default.fileExists(atPath: work.appendingPathComponent("reports/results.json").path))
        let lines = graded.standardOutput.split(separator: "\n").map(String.init)
        let amy = try #require(lines.first { $0.hasPrefix("  amy/ex-lock.lua: ") }, "\(graded.standardOutput)")
        #expect(amy.contains("the script wrote to the database and then ran past its time budget of 1 s, so Redis could not stop it with SCRIPT KILL"), "\(amy)")
        #expect(!amy.contains("infrastructure error"), "\(amy)")
        let blocked = lines.filter { $0.contains("infrastructure error, not the student's") }
        #expect(!blocked.isEmpty, "\(graded.standardOutput)")
        for line in blocked {
            #expect(line.contains("the server did not recover") && line.contains("SHUTDOWN NOSAVE") && line.contains("grade this exercise again (--only ex-"), "\(line)")
            // A server busy with a script is not a wrong database index.
            #expect(!line.contains("Use an index below"), "\(line)")
        }
        #expect(graded.standardError.contains("is not answering after grading: a script keeps it busy"), "\(graded.standardError)")
    }

    /// A class `fall` in `work` of four copies of the sample's ada, amy's lock answer replaced by
    /// `lockScript`: amy sorts first, so her loop runs while the others' jobs are being graded.
    private func makeClassWithLoop(in work: URL, lockScript: String) throws {
        let fall = work.appendingPathComponent("fall")
        try FileManager.default.createDirectory(at: fall, withIntermediateDirectories: true)
        for student in ["amy", "ada", "bea", "cai"] {
            try FileManager.default.copyItem(
                at: GradeCommandTests.fixtures.appendingPathComponent("Class/ada"), to: fall.appendingPathComponent(student))
        }
        try lockScript.write(to: fall.appendingPathComponent("amy/ex-lock.lua"), atomically: true, encoding: .utf8)
    }

    /// `grade` of that class's counter and lock exercises on database 10 of the server at `port`.
    private func gradeCountersAndLocks(in work: URL, port: Int, timeLimit: Int) async throws -> RedislingsBinary.Output {
        let fixtures = GradeCommandTests.fixtures
        return try await RedislingsBinary.built().runOffThePool([
            "grade", "fall", "--lessons", fixtures.appendingPathComponent("Course/Lessons").path,
            "--exercises", fixtures.appendingPathComponent("Course/Exercises").path, "--out", "reports", "--only", "ex-counter", "--only", "ex-lock",
            "--live", "redis://127.0.0.1:\(port)/10", "--jobs", "2", "--time-limit", String(timeLimit), "--allow-nonempty", "--no-gradebook",
        ], in: work.path, environment: ["REDISLINGS_HOME": work.appendingPathComponent("home").path])
    }
}
