import Exercises
import Foundation
import Testing
import RedisBackends

/// A submission that breaks a limit ends as status `error`, naming the line and the limit.
@Suite struct LimitsTests {
    private let runner = ExerciseRunner(backend: SimulatorBackend())

    private func counter() throws -> Exercise { try ExerciseFixtures.exercise(ExerciseFixtures.valid) }

    /// Grading's budgets with a generous wall clock: these tests are about the other budgets, and
    /// a loaded test process can pause a run for many seconds (the wall-clock test sets its own).
    private func limits(_ change: (inout ExerciseLimits) -> Void) -> ExerciseLimits {
        var limits = ExerciseLimits.grading
        limits.wallClock = .seconds(120)
        change(&limits)
        return limits
    }

    @Test func anEndlessLuaLoopIsStoppedByTheTimeBudget() async throws {
        let exercise = try ExerciseFixtures.fixture("fixture-lock-script")
        let result = await runner.run(exercise, submission: .lua("while true do end"), limits: limits { $0.luaTimeBudget = .milliseconds(200) })
        // Each of the two calls stops after 200 ms. Had the budget not stopped the loop, the
        // wall clock would have (120 s), with its own message: the message is the proof, where a
        // bound on the elapsed time would fail whenever a busy machine stalls the test process.
        #expect(result.status == .error)
        #expect(result.error?.contains("Lua time budget of 200 ms") == true, "\(result)")
        #expect(result.checks[0].status == .error)
        #expect(result.checks[0].points == 0)
    }

    @Test func aHundredThousandCommandFileStopsAtTheCommandBudget() async throws {
        let file = String(repeating: "INCR counter\n", count: 100_000)
        let result = await runner.run(try counter(), submission: .redis(file), limits: limits { $0.maxCommands = 1000 })
        #expect(result.status == .error)
        #expect(result.error == "line 1001: more than 1000 commands, the most one answer may send")
        #expect(result.score == 0)
    }

    @Test func aMemoryHogGetsRedisOOMError() async throws {
        let file = "SETRANGE hog 5000000 x\nINCR counter\nINCR counter\nINCR counter\n"
        let result = await runner.run(try counter(), submission: .redis(file), limits: limits { $0.memoryBytes = 2 << 20 })
        #expect(result.status == .error)
        #expect(result.error == "line 2: the data passed the memory budget of 2 MB: OOM command not allowed when used memory > 'maxmemory'.")
    }

    @Test func aLuaMemoryHogIsStoppedToo() async throws {
        let exercise = try ExerciseFixtures.fixture("fixture-lock-script")
        let script = "for i = 1, 1000000 do redis.call('RPUSH', 'hog', i) end return 1"
        // Only the memory budget may end it: generous clocks, so a loaded machine cannot let the
        // time budget win the race.
        let result = await runner.run(exercise, submission: .lua(script), limits: limits {
            $0.memoryBytes = 2 << 20
            $0.luaTimeBudget = .seconds(120)
            $0.wallClock = .seconds(180)
        })
        #expect(result.status == .error)
        #expect(result.error?.contains("memory budget of 2 MB") == true, "\(result)")
    }

    @Test func aLuaTableThatGrowsWithoutEndIsStoppedAtTheMemoryBudget() async throws {
        let exercise = try ExerciseFixtures.fixture("fixture-lock-script")
        let script = "local t = {}\nfor i = 1, 100000000 do t[i] = 'entry ' .. i end\nreturn 1"
        let result = await runner.run(exercise, submission: .lua(script), limits: limits { $0.memoryBytes = 2 << 20 })
        #expect(result.status == .error)
        #expect(result.error?.hasSuffix("the script passed the Lua memory budget of 2 MB (it allocates without end?) and was stopped") == true, "\(result)")
        // The checks that run the script earn nothing. (The third asks whether the lock is gone,
        // and its 10 s expiry runs on real time: on a machine slow enough, it is.)
        #expect(result.checks.prefix(2).allSatisfy { $0.points == 0 }, "\(result)")
    }

    @Test func sandboxedCommandsAreRefusedWithTheirLine() async throws {
        for (line, command) in [(2, "FLUSHALL"), (2, "config set maxmemory 0"), (2, "CLIENT KILL ID 1"), (2, "SELECT 2"), (2, "FUNCTION FLUSH")] {
            let result = await runner.run(try counter(), submission: .redis("INCR counter\n\(command)\nINCR counter\n"))
            #expect(result.status == .error)
            #expect(result.error?.hasPrefix("line \(line): ") == true, "\(command): \(result)")
            #expect(result.error?.contains("is not allowed in an exercise") == true)
        }
        var open = ExerciseLimits.learner
        open.sandbox = false
        let unsandboxed = await runner.run(try counter(), submission: .redis("FLUSHALL\nINCR counter\nINCR counter\nINCR counter\n"), limits: open)
        #expect(unsandboxed.status == .passed)
    }

    @Test func scriptsThatCallSandboxedCommandsAreRefused() async throws {
        let lock = try ExerciseFixtures.fixture("fixture-lock-script")
        let script = await runner.run(lock, submission: .lua("local n = 1\nredis.call( 'flushall' )\nreturn 1"))
        #expect(script.status == .error)
        #expect(script.error == "line 2: FLUSHALL is not allowed in an exercise: it reaches beyond the exercise's own keys; remove it")
        let inline = await runner.run(try counter(), submission: .redis("EVAL \"return redis.call('CONFIG', 'SET', 'maxmemory', '1')\" 0\n"))
        #expect(inline.error == "line 1: the script calls CONFIG SET, which is not allowed in an exercise; remove it")
    }

    @Test func aCommandThatNeverAnswersRunsIntoTheWallClock() async throws {
        // Thirty seconds: room for the setup and the INCR while CI runs the differential suites
        // and the live loop tests beside it (3 s, then 10 s, ran out on the INCR there), while
        // BLPOP waits 1000 s. (A timeout of 0, waiting for ever, is stopped at once: LearnerErrorTests.)
        let result = await runner.run(try counter(), submission: .redis("INCR counter\nBLPOP nothing 1000\n"), limits: limits { $0.wallClock = .seconds(30) })
        #expect(result.status == .error)
        #expect(result.error == "line 2: your command: `BLPOP nothing 1000` was still waiting when the wall-clock budget of 30 s ran out")
    }

    @Test func repliesPastTheCapAreAnError() async throws {
        let big = String(repeating: "x", count: 5000)
        let result = await runner.run(try counter(), submission: .redis("SET blob \(big)\nGET blob\n"), limits: limits { $0.maxReplyBytes = 1000 })
        #expect(result.status == .error)
        #expect(result.error == "line 2: the replies passed 1000 bytes, the most kept for one client")
    }

    @Test func binaryAndNonUTF8FilesAreRejected() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("submissions-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let binary = folder.appendingPathComponent("x.redis")
        try Data([0x50, 0x49, 0x4E, 0x47, 0x0A, 0x00, 0x01]).write(to: binary)
        #expect(throws: ExerciseSubmissionError("\(binary.path):2: the file holds binary data (a NUL byte); save it as plain UTF-8 text")) {
            try ExerciseSubmission(fileURL: binary)
        }
        let latin1 = folder.appendingPathComponent("y.lua")
        try Data("return 1\n-- caf".utf8 + [0xE9, 0x0A]).write(to: latin1)
        #expect(throws: ExerciseSubmissionError("\(latin1.path):2: the file is not UTF-8 text; save it as UTF-8")) {
            try ExerciseSubmission(fileURL: latin1)
        }
        let good = folder.appendingPathComponent("z.lua")
        try Data("return 1\n".utf8).write(to: good)
        #expect(try ExerciseSubmission(fileURL: good) == .lua("return 1\n"))
        #expect(throws: ExerciseSubmissionError.self) { try ExerciseSubmission(fileURL: folder.appendingPathComponent("missing.redis")) }
    }
}
