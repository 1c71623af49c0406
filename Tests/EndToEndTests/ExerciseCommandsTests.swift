import Foundation
import RedislingsTestSupport
import Testing

/// The built `redislings` running the exercise commands on a fixture course.
@Suite struct ExerciseCommandsTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path
    static let lessons = ["--lessons", "ExerciseCourse/Lessons"]

    /// A scratch folder for the workspace and the state directory.
    private let scratch = NSTemporaryDirectory() + "redislings-exercises-e2e-\(UUID().uuidString)"

    private var environment: [String: String] {
        ["REDISLINGS_WORKSPACE": scratch + "/work", "REDISLINGS_HOME": scratch + "/state"]
    }

    /// Runs the binary off the cooperative pool: `dev check --live` takes many seconds, and a
    /// test holding one of the pool's few threads that long stalls every async test.
    private func run(_ arguments: [String], extra: [String: String] = [:]) async throws -> RedislingsBinary.Output {
        let binary = try RedislingsBinary.built()
        return try await binary.runOffThePool(arguments, in: Self.fixtures, environment: environment.merging(extra) { $1 })
    }

    /// On a terminal (forced here with CLICOLOR_FORCE) the marks and the score are coloured;
    /// piped, and with NO_COLOR, they are not.
    @Test func checkIsColouredOnATerminal() async throws {
        _ = try await run(["exercise", "show", "fixture-first-subscriber", "--plain"] + Self.lessons)
        let colored = try await run(["exercise", "check", "1.1"] + Self.lessons, extra: ["CLICOLOR_FORCE": "1"])
        #expect(colored.standardOutput.contains("\u{1B}[31m✗\u{1B}[0m the counter is 3"), "\(colored.standardOutput)")
        #expect(colored.standardOutput.contains("\u{1B}[31mScore: 0/10\u{1B}[0m"))
        let plain = try await run(["exercise", "check", "1.1"] + Self.lessons, extra: ["CLICOLOR_FORCE": "1", "NO_COLOR": "1"])
        #expect(!plain.standardOutput.contains("\u{1B}["))
        #expect(!(try await run(["exercise", "check", "1.1"] + Self.lessons)).standardOutput.contains("\u{1B}["))
    }

    @Test func listShowsTheExercisesOfEachLesson() async throws {
        let output = try await run(["exercise", "list"] + Self.lessons)
        output.expect(status: 0)
        #expect(output.standardOutput == """
            Lesson 1: Pub/Sub Basics
              1.1  fixture-first-subscriber  Publish to a listener (10 points, redis)
              1.2  fixture-lock-script       A lock released only by its owner (9 points, lua)

            """)
        let json = try await run(["exercise", "list", "1", "--json"] + Self.lessons)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [[String: Any]])
        #expect(rows.map { $0["id"] as? String } == ["fixture-first-subscriber", "fixture-lock-script"])
        #expect(rows.first?["max_points"] == nil)
        #expect(rows.first?["points"] as? Int == 10)
        #expect(rows.last?["answer"] as? String == "lua")
        #expect(rows.first?["status"] as? String == "new")
        // File paths are written as they are, not with escaped slashes.
        #expect(json.standardOutput.contains("/work/fixture-first-subscriber.redis") && !json.standardOutput.contains("\\/"),
                "\(json.standardOutput)")
    }

    @Test func listMarksPassedAndTriedExercises() async throws {
        _ = try await run(["exercise", "show", "1.1", "--plain"] + Self.lessons)
        _ = try await run(["exercise", "show", "1.2", "--plain"] + Self.lessons)
        try "INCR fixture:counter\n".write(toFile: scratch + "/work/fixture-first-subscriber.redis", atomically: true, encoding: .utf8)
        #expect(try await run(["exercise", "check", "1.1"] + Self.lessons).status == 1)
        let script = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0\n"
        try script.write(toFile: scratch + "/work/fixture-lock-script.lua", atomically: true, encoding: .utf8)
        let lock = try await run(["exercise", "check", "1.2"] + Self.lessons)
        lock.expect(status: 0)
        #expect(lock.standardOutput.hasSuffix("Score: 9/9 — passed\nWhy this works: The comparison and the delete run in one script, so the lock cannot change hands between them.\n"))
        let output = try await run(["exercise", "list"] + Self.lessons)
        let lines = output.standardOutput.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[1] == "~ 1.1  fixture-first-subscriber  Publish to a listener (0/10 points, redis)")
        #expect(lines[2] == "✓ 1.2  fixture-lock-script       A lock released only by its owner (9/9 points, lua)")
        let json = try await run(["exercise", "list", "--json"] + Self.lessons)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [[String: Any]])
        #expect(rows.map { $0["status"] as? String } == ["attempted", "passed"])
        #expect(rows.last?["best_score"] as? Int == 9)
    }

    @Test func showRendersTheInstructionsAndCreatesTheAnswerFile() async throws {
        let output = try await run(["exercise", "show", "1.2", "--plain"] + Self.lessons)
        output.expect(status: 0)
        #expect(output.standardOutput.contains("Write a script that deletes the lock"))
        #expect(output.standardOutput.contains("  • a stranger cannot release the lock (3 points)"))
        let file = scratch + "/work/fixture-lock-script.lua"
        #expect(output.standardOutput.contains("\(file) (just created)"))
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.hasSuffix("-- KEYS[1] is the lock, ARGV[1] the caller's token\n"))
    }

    @Test func checkFailsUntouchedAndPassesSolved() async throws {
        _ = try await run(["exercise", "show", "fixture-first-subscriber", "--plain"] + Self.lessons)
        let untouched = try await run(["exercise", "check", "fixture-first-subscriber"] + Self.lessons)
        untouched.expect(status: 1)
        #expect(untouched.standardOutput.contains("  ✗ the counter is 3 (0/3) — fixture:counter does not hold 3.\n"))
        #expect(untouched.standardOutput.hasSuffix("Score: 0/10 — not yet: run `redislings hint fixture-first-subscriber` for a hint\n"))
        let file = scratch + "/work/fixture-first-subscriber.redis"
        try "PUBLISH fixture:news hello\nINCR fixture:counter\nINCR fixture:counter\nINCR fixture:counter\nGET fixture:counter\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        let solved = try await run(["exercise", "check", "1.1", "--json"] + Self.lessons)
        solved.expect(status: 0)
        #expect(solved.standardError == "")
        let progress = try await run(["progress", "--json"] + Self.lessons)
        #expect(progress.standardOutput.contains("\"exercises_passed\" : 1"), "\(progress.standardOutput)")
        #expect(progress.standardOutput.contains("\"exercises_total\" : 2"), "\(progress.standardOutput)")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(solved.standardOutput.utf8)) as? [String: Any])
        #expect(result["status"] as? String == "passed")
        #expect(result["score"] as? Int == 10)
        #expect(result["max_score"] as? Int == 10)
    }

    /// The learner's own first error is printed by `exercise check`, on its line in their file,
    /// with "did you mean", and is in `--json` as `learner_error`.
    @Test func checkShowsTheLearnersFirstErrorOnItsLine() async throws {
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        let file = scratch + "/typo.redis"
        try "PUBLISH fixture:news hello\nSUBSCRIB fixture:news\nINCR fixture:counter\n".write(toFile: file, atomically: true, encoding: .utf8)
        let checked = try await run(["exercise", "check", "1.1", "--file", file] + Self.lessons)
        checked.expect(status: 1)
        #expect(checked.standardOutput.contains(
            "Your first error: \(file):2: `SUBSCRIB fixture:news` got (error) ERR unknown command 'SUBSCRIB', with args beginning with: 'fixture:news' (did you mean SUBSCRIBE?)"),
            "\(checked.standardOutput)")
        let json = try await run(["exercise", "check", "1.1", "--file", file, "--json"] + Self.lessons)
        let result = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        let error = try #require(result["learner_error"] as? [String: Any], "\(json.standardOutput)")
        #expect(error["line"] as? Int == 2)
        #expect(error["command"] as? String == "SUBSCRIB fixture:news")
        #expect(error["advice"] as? String == "did you mean SUBSCRIBE?")
    }

    @Test func badAnswerFilesAreClearErrors() async throws {
        let missing = try await run(["exercise", "check", "1.1"] + Self.lessons)
        #expect(missing.status != 0)
        #expect(missing.standardError.contains("No answer file at \(scratch)/work/fixture-first-subscriber.redis."))
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        let binaryFile = scratch + "/answer.redis"
        try Data([0x50, 0x49, 0x4E, 0x47, 0x0A, 0x00]).write(to: URL(fileURLWithPath: binaryFile))
        let binary = try await run(["exercise", "check", "1.1", "--file", binaryFile] + Self.lessons)
        #expect(binary.status != 0)
        #expect(binary.standardError.contains("\(binaryFile):2: the file holds binary data"))
        try "INCR fixture:counter\nFLUSHALL\n".write(toFile: binaryFile, atomically: true, encoding: .utf8)
        let sandboxed = try await run(["exercise", "check", "1.1", "--file", binaryFile] + Self.lessons)
        sandboxed.expect(status: 1)
        #expect(sandboxed.standardOutput.contains("Error: \(binaryFile): line 2: FLUSHALL is not allowed in an exercise"))
        let unknown = try await run(["exercise", "check", "fixture-first-subscribr"] + Self.lessons)
        #expect(unknown.standardError.contains("Did you mean 'fixture-first-subscriber'?"))
    }

    @Test func hintGivesTheNextTierEachTime() async throws {
        let first = try await run(["hint", "1.1"] + Self.lessons)
        #expect(first.standardOutput == "Hint 1/3: Someone is already listening on fixture:news.\n")
        let second = try await run(["hint", "1.1"] + Self.lessons)
        #expect(second.standardOutput == "Hint 2/3: PUBLISH sends a message; INCR counts.\n")
        // The last tier gives the answer away: not shown unless asked for.
        let withheld = try await run(["hint", "1.1"] + Self.lessons)
        #expect(withheld.standardOutput == "The next hint gives the answer away: `redislings hint fixture-first-subscriber --answer` shows it.\n")
        let answer = try await run(["hint", "1.1", "--answer"] + Self.lessons)
        #expect(answer.standardOutput.hasPrefix("Hint 3/3: PUBLISH fixture:news hello"))
        let all = try await run(["hint", "1.1", "--all"] + Self.lessons)
        #expect(all.standardOutput.split(separator: "\n").count == 3)
        // --all counted every tier as seen, in the progress database.
        let after = try await run(["hint", "1.1"] + Self.lessons)
        #expect(after.standardOutput == "Hint 3/3: PUBLISH fixture:news hello, INCR fixture:counter three times, GET fixture:counter\nThat was the last hint: it gives the answer away.\n")
        #expect(after.standardError == "")
    }

    @Test func devCheckProvesEveryExercise() async throws {
        let good = try await run(["dev", "check"] + Self.lessons)
        good.expect(status: 0)
        #expect(good.standardOutput.hasSuffix("2 exercises in \(Self.fixtures)/ExerciseCourse/Exercises: each fails untouched and passes with its solution on simulator; 10 wrong answers earn no more than they may.\n"))
        let bad = try await run(["dev", "check", "--lessons", "BrokenExercises/Lessons"])
        bad.expect(status: 1)
        let lines = bad.standardOutput.split(separator: "\n").filter { !$0.hasPrefix("✓") }.map { String($0.prefix { $0 != "—" }) }
        let folder = "\(Self.fixtures)/BrokenExercises/Exercises/pubsub-basics"
        #expect(lines == [
            "\(folder)/01-points.md:5: `points` is 3 but the checks add up to 2 (2) ",
            "\(folder)/02-always-passes.md:2: the exercise lists 0 wrong answers under `wrong` ",
            "\(folder)/02-always-passes.md:9: the exercise passes when the learner does nothing ",
            "\(folder)/02-always-passes.md:9: the solution fails the check `the key is v` ",
            "\(folder)/02-always-passes.md:9: the wrong answer “an empty answer” earns 1/1, more than its 0: paid by `the key is v` (1) ",
            "\(folder)/02-always-passes.md:9: the wrong answer “the setup alone, run again” earns 1/1, more than its 0: paid by `the key is v` (1) ",
            "\(folder)/02-always-passes.md:9: the wrong answer “a script that only returns a constant” earns 1/1, more than its 0: paid by `the key is v` (1) ",
        ])
    }

    @Test func devCheckProvesExercisesOnALiveRedisToo() async throws {
        guard RedisServerProcess.isInstalled else {
            print("skipped: redis-server is not installed, so dev check --live was not tried")
            return
        }
        let server = try RedisServerProcess()
        defer { server.stop() }
        let output = try await run(["dev", "check", "--live", "redis://127.0.0.1:\(server.port)/4"] + Self.lessons)
        output.expect(status: 0)
        #expect(output.standardOutput.contains("on simulator and redis://127.0.0.1:\(server.port)/4; 10 wrong answers earn no more than they may.\n"))
    }

    @Test func watchChecksAgainOnEverySave() async throws {
        let binary = try RedislingsBinary.built()
        let work = scratch + "/work"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        let file = work + "/fixture-first-subscriber.redis"
        try "# nothing yet\n".write(toFile: file, atomically: true, encoding: .utf8)
        let log = scratch + "/watch.log"
        #expect(FileManager.default.createFile(atPath: log, contents: nil))
        let process = try ChildProcess(
            executable: binary.path, arguments: ["watch", "1.1", "--interval", "100"] + Self.lessons, directory: Self.fixtures,
            environment: environment.merging(["PATH": "/usr/bin:/bin", "HOME": scratch]) { $1 }, standardOutput: log)
        defer { if process.isRunning { process.terminate() } }
        // Polls with Task.sleep: a blocking wait would hold one of the test process's two pool
        // threads for up to 30 s and stall every other async test.
        // 60 s: the first check starts a debug binary and a simulator beside every other test.
        func waitFor(_ text: String) async throws -> Bool {
            let deadline = Date().addingTimeInterval(60)
            while Date() < deadline {
                if let content = try? String(contentsOfFile: log, encoding: .utf8), content.contains(text) { return true }
                try await Task.sleep(for: .milliseconds(50))
            }
            return false
        }
        #expect(try await waitFor("Score: 0/10"))
        // A later modification time than the first check saw.
        try await Task.sleep(for: .milliseconds(1_100))
        try "PUBLISH fixture:news hello\nINCR fixture:counter\nINCR fixture:counter\nINCR fixture:counter\nGET fixture:counter\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try await waitFor("Score: 10/10 — passed"))
        process.signal(SIGINT)
        for _ in 0..<200 where process.isRunning { try await Task.sleep(for: .milliseconds(50)) }
        process.waitUntilExit()
        #expect(!process.isRunning)
    }
}
