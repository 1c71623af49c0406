import Exercises
import Foundation
import LiveRedis
import RESP
import RedisBackends
import RedislingsTestSupport
import Testing

/// The fixture exercises behave the same on the simulator and on a real redis-server.
@Suite struct LiveDifferentialTests {
    /// Database `database` of `server`, and an exercise backend on it.
    static func backend(on server: RedisServerProcess, database: Int) -> (RedisURL, any RedisBackend) {
        let url = RedisURL(host: "127.0.0.1", port: server.port, database: database)
        return (url, LiveRedisBackend(url: url))
    }

    @Test func fixturesFailUntouchedAndPassSolvedOnBothBackends() async throws {
        guard RedisServerProcess.isInstalled else {
            print("skipped: redis-server is not installed, so the fixtures were checked on the simulator only")
            return
        }
        let server = try RedisServerProcess()
        defer { server.stop() }
        let (url, live) = Self.backend(on: server, database: 9)
        let catalog = try ExerciseFixtures.catalog
        #expect(catalog.exercises.count == 2)
        for exercise in catalog.exercises {
            for backend in [SimulatorBackend(), live] as [any RedisBackend] {
                let problems = await ExerciseProof.prove(exercise, on: backend)
                #expect(problems.map(\.description) == [], "\(exercise.id) on \(backend.label)")
            }
            let runner = ExerciseRunner(backend: SimulatorBackend())
            let liveRunner = ExerciseRunner(backend: live)
            for submission in [ExerciseRunner.untouched(exercise), ExerciseRunner.solution(exercise)] {
                let simulated = await runner.run(exercise, submission: submission)
                let real = await liveRunner.run(exercise, submission: submission)
                #expect(simulated == real, "\(exercise.id): the simulator and redis-server disagree")
            }
        }
        // The runs deleted the exercises' keys and nothing else was written.
        let connection = try await LiveRedisConnection.connect(to: url)
        #expect(try await connection.send("DBSIZE") == .integer(0))
        await connection.close()
    }

    /// On a live Redis a run may change only keys its `keys` patterns match (its ACL user's
    /// rules), so an exercise that writes another key fails there, and leaves nothing behind.
    @Test func keysAnExerciseDoesNotDeclareCannotBeWritten() async throws {
        guard RedisServerProcess.isInstalled else {
            print("skipped: redis-server is not installed")
            return
        }
        let server = try RedisServerProcess()
        defer { server.stop() }
        let (url, live) = Self.backend(on: server, database: 3)
        let exercise = try ExerciseFixtures.exercise(ExerciseFixtures.valid.replacingOccurrences(of: "keys: [counter]", with: "keys: [other]"))
        let problems = await ExerciseProof.prove(exercise, on: live)
        #expect(problems.map(\.message) == ["the solution fails the check `the counter is 3` on \(url)"])
        #expect(problems.first?.fix.contains("NOPERM") == true, "\(problems)")
        #expect(await ExerciseProof.prove(exercise, on: SimulatorBackend()) == [])
        let connection = try await LiveRedisConnection.connect(to: url)
        #expect(try await connection.send("DBSIZE") == .integer(0))
        await connection.close()
    }

    @Test func liveAdvanceIsBounded() async throws {
        guard RedisServerProcess.isInstalled else {
            print("skipped: redis-server is not installed")
            return
        }
        let server = try RedisServerProcess()
        defer { server.stop() }
        let (_, live) = Self.backend(on: server, database: 9)
        let exercise = try ExerciseFixtures.exercise("""
            id: wait-too-long
            lesson: pubsub-basics
            title: "Wait ten minutes"
            points: 1
            checks:
              - name: ten minutes later
                points: 1
                run:
                  - advance: 10m
                  - PING
                expect: PONG
                message: "no."
            hints: [wait]
            solution: PING
            """)
        let started = ContinuousClock.now
        let result = await ExerciseRunner(backend: live).run(exercise, submission: .redis("PING\n"))
        // Refused before any waiting: far less than the ten minutes asked for. The margin is wide
        // because a loaded machine has stalled this whole test process for over a minute.
        #expect(ContinuousClock.now - started < .seconds(300))
        #expect(result.status == .error)
        #expect(result.error?.contains("more than the 15 s allowed") == true, "\(result)")
    }

    @Test func aRunawayScriptIsStoppedOnTheLiveServerWhenTheWallClockRunsOut() async throws {
        guard RedisServerProcess.isInstalled else {
            print("skipped: redis-server is not installed")
            return
        }
        let server = try RedisServerProcess(extraArguments: ["--busy-reply-threshold", "100"])
        defer { server.stop() }
        let url = RedisURL(host: "127.0.0.1", port: server.port, database: 4)
        var limits = ExerciseLimits.learner
        limits.wallClock = .seconds(2)
        // Sent straight to the server (a live backend normally rehearses it on the simulator
        // and refuses it there), to show how the server's copy is stopped.
        let direct = LiveRedisBackend(url: url, rehearsesScripts: false)
        let result = await ExerciseRunner(backend: direct).run(
            try ExerciseFixtures.exercise(ExerciseFixtures.valid), submission: .redis("EVAL \"while true do end\" 0\n"), limits: limits)
        #expect(result.status == .error)
        // Stopped by the run's wall clock, or, when a loaded machine delays that timer, by the
        // script time budget that watches the same script: either way with SCRIPT KILL.
        let stoppedByWallClock = result.error?.contains("wall-clock budget of 2 s ran out") == true
        let stoppedByScriptBudget = result.error?.contains("stopped with SCRIPT KILL") == true
        #expect(stoppedByWallClock || stoppedByScriptBudget, "\(result)")
        // The server answers again instead of BUSY: the run killed its script.
        let after = try await LiveRedisConnection.connect(to: url)
        #expect(try await after.send("PING") == .simpleString("PONG"))
        await after.close()
    }
}
