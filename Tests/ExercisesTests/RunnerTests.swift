import Exercises
import Foundation
import Testing
import RedisBackends

/// The runner on the simulator: peers, the clock, disconnects, blocked peers, scripts, partial credit.
@Suite struct RunnerTests {
    private let runner = ExerciseRunner(backend: SimulatorBackend())

    @Test func theFixtureFailsUntouchedAndPassesWithItsSolution() async throws {
        let exercise = try ExerciseFixtures.fixture("fixture-first-subscriber")
        let untouched = await runner.run(exercise, submission: ExerciseRunner.untouched(exercise))
        #expect(untouched.status == .failed)
        #expect(untouched.score == 0)
        #expect(untouched.checks.map(\.message) == exercise.checks.map(\.message))
        let solved = await runner.run(exercise, submission: ExerciseRunner.solution(exercise))
        #expect(solved.status == .passed, "\(solved)")
        #expect(solved.score == 10)
        #expect(solved.checks.map(\.status) == [.passed, .passed, .passed])
        #expect(solved.checks[0].message == "listener received the 1 expected message")
    }

    @Test func partialCreditCountsThePassedChecks() async throws {
        let exercise = try ExerciseFixtures.fixture("fixture-first-subscriber")
        let result = await runner.run(exercise, submission: .redis("PUBLISH fixture:news hello\n# counting comes later\n"))
        #expect(result.status == .failed)
        #expect(result.score == 4)
        #expect(result.maxScore == 10)
        #expect(result.checks.map(\.points) == [4, 0, 0])
    }

    @Test func advanceMovesTheSimulatorsClock() async throws {
        let exercise = try ExerciseFixtures.exercise("""
            id: keep-the-session
            lesson: pubsub-basics
            title: "Keep the session"
            points: 2
            setup:
              - SET session:1 alive EX 5
            checks:
              - name: the session outlives its TTL
                points: 2
                run:
                  - advance: 10s
                  - GET session:1
                expect: alive
                message: "session:1 still expires."
            hints: [PERSIST removes a TTL.]
            solution: PERSIST session:1
            """)
        let untouched = await runner.run(exercise, submission: .redis(""))
        #expect(untouched.status == .failed)
        let solved = await runner.run(exercise, submission: .redis("PERSIST session:1\n"))
        #expect(solved.status == .passed, "\(solved)")
    }

    @Test func aClosedPeerStopsReceiving() async throws {
        let exercise = try ExerciseFixtures.exercise("""
            id: nobody-listens
            lesson: pubsub-basics
            title: "Publish into the void"
            points: 2
            peers:
              - name: quitter
                steps:
                  - SUBSCRIBE news
                  - close
            checks:
              - name: the quitter heard nothing
                points: 1
                client: quitter
                received: []
                count: 0
                message: "The quitter got a message after leaving."
              - name: nobody was subscribed
                points: 1
                client: learner
                replied: 0
                message: "Your PUBLISH reached somebody."
            hints: [Publish.]
            solution: PUBLISH news hi
            """)
        let solved = await runner.run(exercise, submission: .redis("PUBLISH news hi\n"))
        #expect(solved.status == .passed, "\(solved)")
    }

    @Test func aBlockedPeerGetsItsLateReplyAndGoesOn() async throws {
        let exercise = try ExerciseFixtures.exercise("""
            id: feed-the-worker
            lesson: pubsub-basics
            title: "Feed the worker"
            points: 3
            peers:
              - name: worker
                steps:
                  - BLPOP jobs 0
                  - SET worker:done yes
              - name: auditor
                when: check
                steps:
                  - SUBSCRIBE audit
              - name: announcer
                when: check
                steps:
                  - PUBLISH audit checked
            checks:
              - name: the worker got the job
                points: 1
                client: worker
                replied: [jobs, job-1]
                message: "The worker is still waiting for a job on the jobs list."
              - name: the worker finished
                points: 1
                run: GET worker:done
                expect: "yes"
                message: "The worker never finished."
              - name: check peers run at check time
                points: 1
                client: auditor
                received: [[message, audit, checked]]
                count: 1
                message: "The auditor heard nothing."
            hints: [LPUSH adds to a list.]
            solution: LPUSH jobs job-1
            """)
        let untouched = await runner.run(exercise, submission: .redis(""))
        #expect(untouched.checks.map(\.status) == [.failed, .failed, .passed])
        let solved = await runner.run(exercise, submission: .redis("LPUSH jobs job-1\n"))
        #expect(solved.status == .passed, "\(solved)")
    }

    @Test func luaExercisesCallTheScriptThroughScriptAndSHA() async throws {
        let exercise = try ExerciseFixtures.fixture("fixture-lock-script")
        let untouched = await runner.run(exercise, submission: ExerciseRunner.untouched(exercise))
        #expect(untouched.status == .failed)
        let solved = await runner.run(exercise, submission: ExerciseRunner.solution(exercise))
        #expect(solved.status == .passed, "\(solved)")
        let careless = await runner.run(exercise, submission: .lua("return redis.call('DEL', KEYS[1])"))
        #expect(careless.checks.map(\.status) == [.failed, .failed, .passed])
        #expect(careless.score == 3)
        let broken = await runner.run(exercise, submission: .lua("this is not lua"))
        #expect(broken.status == .failed)
        #expect(broken.score == 0)
    }

    @Test func aSubmissionOfTheWrongKindIsAnError() async throws {
        let exercise = try ExerciseFixtures.fixture("fixture-lock-script")
        let result = await runner.run(exercise, submission: .redis("DEL fixture:lock"))
        #expect(result.status == .error)
        #expect(result.error == "this exercise wants a Lua script (fixture-lock-script.lua), not a .redis file")
        #expect(result.checks.allSatisfy { $0.status == .error && $0.points == 0 })
    }

    @Test func manyRunsAtOnceStayApart() async throws {
        // A grader runs students' files side by side: each run has its own simulator.
        let exercise = try ExerciseFixtures.fixture("fixture-first-subscriber")
        let runner = self.runner
        let results = await withTaskGroup(of: (Int, ExerciseResult).self) { group in
            for index in 0..<24 {
                group.addTask {
                    let submission = index.isMultiple(of: 2) ? ExerciseRunner.solution(exercise) : ExerciseRunner.untouched(exercise)
                    return (index, await runner.run(exercise, submission: submission))
                }
            }
            var collected: [Int: ExerciseResult] = [:]
            for await (index, result) in group { collected[index] = result }
            return collected
        }
        #expect(results.count == 24)
        for (index, result) in results {
            #expect(result.score == (index.isMultiple(of: 2) ? 10 : 0), "run \(index): \(result)")
        }
    }

    @Test func resultsEncodeAsSnakeCaseJSON() throws {
        let result = ExerciseResult(
            exercise: "x", status: .failed, score: 1, maxScore: 2,
            checks: [CheckResult(name: "n", status: .passed, message: "m", points: 1, maxPoints: 1, hidden: true)])
        let object = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(result)) as? [String: Any])
        #expect(Set(object.keys) == ["exercise", "status", "score", "max_score", "checks"])
        let check = try #require((object["checks"] as? [[String: Any]])?.first)
        #expect(Set(check.keys) == ["name", "status", "message", "points", "max_points", "hidden"])
        #expect(try JSONDecoder().decode(ExerciseResult.self, from: JSONEncoder().encode(result)) == result)
    }
}
