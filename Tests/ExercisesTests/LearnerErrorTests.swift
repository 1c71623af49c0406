import Exercises
import Foundation
import Testing
import RedisBackends

/// The learner's own errors reach the result: a script that does not compile (on its line in
/// the learner's file), an unknown command with "did you mean", a pasted redis-cli prompt,
/// and a blocking command that could only wait for ever.
@Suite struct LearnerErrorTests {
    private let runner = ExerciseRunner(backend: SimulatorBackend())

    @Test func aScriptThatDoesNotCompileIsShownOnItsLine() async throws {
        let exercise = try ExerciseFixtures.fixture("fixture-lock-script")
        let script = "local lock = KEYS[1]\nlocal token = ARGV[1]\n\nif (redis.call('GET', lock) == token then\n  return 1\nend\nreturn 0\n"
        let result = await runner.run(exercise, submission: .lua(script))
        #expect(result.status == .failed)
        let error = try #require(result.learnerError)
        #expect(error.line == 4)
        #expect(error.command == LearnerError.scriptCommand)
        #expect(error.reply.hasPrefix("ERR Error compiling script (new function): user_script:4:"))
        #expect(error.described(in: "lock.lua").hasPrefix("lock.lua:4: your script got (error) ERR Error compiling script"))
        let json = String(decoding: try JSONEncoder().encode(result), as: UTF8.self)
        #expect(json.contains("\"learner_error\""))
    }

    @Test func aScriptThatFailsWhileRunningIsShownOnItsLine() async throws {
        let exercise = try ExerciseFixtures.fixture("fixture-lock-script")
        let result = await runner.run(exercise, submission: .lua("local lock = KEYS[1]\nreturn redis.call('GET')\n"))
        let error = try #require(result.learnerError)
        #expect(error.line == 2)
        #expect(error.reply.contains("Wrong number of args calling Redis command from script"))
    }

    @Test func anUnknownCommandGetsDidYouMean() async throws {
        let exercise = try ExerciseFixtures.fixture("fixture-first-subscriber")
        let result = await runner.run(exercise, submission: .redis("# listen\n\nSUBSCRIB fixture:news\n"))
        let error = try #require(result.learnerError)
        #expect(error.line == 3)
        #expect(error.command == "SUBSCRIB fixture:news")
        #expect(error.reply == "ERR unknown command 'SUBSCRIB', with args beginning with: 'fixture:news' ")
        #expect(error.advice == "did you mean SUBSCRIBE?")
        #expect(error.description.hasPrefix("line 3: `SUBSCRIB fixture:news` got (error) ERR unknown command 'SUBSCRIB'"))
    }

    @Test func aPastedPromptIsRecognised() async throws {
        let exercise = try ExerciseFixtures.fixture("fixture-first-subscriber")
        let result = await runner.run(exercise, submission: .redis("127.0.0.1:6379> PUBLISH fixture:news hello\n"))
        let error = try #require(result.learnerError)
        #expect(error.line == 1)
        #expect(error.advice?.contains("pasted redis-cli prompt") == true)
        #expect(error.advice?.contains("`PUBLISH fixture:news hello`") == true)
    }

    @Test func aCorrectAnswerHasNoLearnerError() async throws {
        let exercise = try ExerciseFixtures.fixture("fixture-first-subscriber")
        let solved = await runner.run(exercise, submission: ExerciseRunner.solution(exercise))
        #expect(solved.learnerError == nil)
    }

    @Test func adviceKnowsPromptsAndNearNames() {
        let names = ["subscribe", "publish", "psubscribe", "get", "set"]
        #expect(UnknownCommandAdvice.advice(command: ["PUBLSH", "a", "b"], error: "ERR unknown command 'PUBLSH', with args beginning with: ", known: names) == "did you mean PUBLISH?")
        #expect(UnknownCommandAdvice.advice(command: ["frobnicate"], error: "ERR unknown command 'frobnicate', with args beginning with: ", known: names) == nil)
        #expect(UnknownCommandAdvice.advice(command: ["GET"], error: "WRONGTYPE Operation against a key holding the wrong kind of value", known: names) == nil)
        #expect(UnknownCommandAdvice.advice(command: ["localhost:6380[2]>", "GET", "k"], error: "ERR unknown command 'localhost:6380[2]>', with args beginning with: ", known: names)?.contains("pasted") == true)
    }

    /// Nothing will ever push to `nothing`: the run stops at once with the line, instead of
    /// waiting out the wall-clock budget.
    @Test func aCommandThatWouldWaitForEverIsStoppedAtOnce() async throws {
        let exercise = try ExerciseFixtures.fixture("fixture-first-subscriber")
        var limits = ExerciseLimits.learner
        // Generous: on a loaded machine the peer may take many seconds to settle, and only then
        // can the wait be seen to be endless. The message, not the time, is what is tested.
        limits.wallClock = .seconds(150)
        let result = await runner.run(exercise, submission: .redis("PUBLISH fixture:news hello\nBLPOP nothing 0\n"), limits: limits)
        #expect(result.status == .error)
        #expect(result.error?.hasPrefix("line 2: `BLPOP nothing 0` waits for ever") == true, "\(result)")
        let timed = await runner.run(exercise, submission: .redis("BLPOP nothing 0.01\n"), limits: limits)
        #expect(timed.status == .failed, "\(timed)")
    }
}

/// What a passed check says: the learner's script by that name, the check's own Lua or long
/// command not shown, and arrays in one notation.
@Suite struct CheckMessageTests {
    @Test func passedChecksSpeakInTheLearnersTerms() async throws {
        let exercise = try ExerciseFixtures.exercise("""
            id: counted-list
            lesson: pubsub-basics
            title: "A list and a count"
            points: 2
            keys: [l]
            checks:
              - name: the list holds a and 7
                points: 1
                run: EVAL "local out = {} for i, v in ipairs(redis.call('LRANGE', KEYS[1], 0, -1)) do out[i] = v end return out" 1 l
                expect: [a, "7"]
                message: "l does not hold a and 7."
              - name: the list has two elements
                points: 1
                run: LLEN l
                expect: 2
                message: "l does not hold two elements."
            hints: [RPUSH adds at the end.]
            solution: RPUSH l a 7
            """)
        let result = await ExerciseRunner(backend: SimulatorBackend()).run(exercise, submission: .redis("RPUSH l a 7\n"))
        #expect(result.status == .passed, "\(result)")
        #expect(result.checks[0].message == "the check's query replied [\"a\", \"7\"]")
        #expect(result.checks[1].message == "`LLEN l` replied (integer) 2")
        let lock = try ExerciseFixtures.fixture("fixture-lock-script")
        let solved = await ExerciseRunner(backend: SimulatorBackend()).run(lock, submission: ExerciseRunner.solution(lock))
        #expect(solved.checks[0].message == "your script replied (integer) 0")
    }
}
