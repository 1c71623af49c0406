import Exercises
import Foundation
import RedisBackends
import Testing

/// `dev check`'s wrong-answer proof: the built-in wrong answers and the listed ones earn no more
/// than they may, and a check the proof relies on cannot be removed unnoticed.
@Suite struct WrongAnswerProofTests {
    private let runner = ExerciseRunner(backend: SimulatorBackend())

    @Test func requiresAndCommandMakeTheWrongAnswersEarnLittle() async throws {
        let exercise = try ExerciseFixtures.exercise(WrongAnswerSpecTests.lock)
        let withoutNX = await runner.run(exercise, submission: .redis(exercise.wrongAnswers[0].answer))
        // lock:a is held with an expiry (2), but the attempt on lock:b replaced the stranger's lock.
        #expect(withoutNX.checks.map(\.points) == [0, 0, 2])
        let noExpiry = await runner.run(exercise, submission: .redis(exercise.wrongAnswers[1].answer))
        #expect(noExpiry.checks.map(\.points) == [1, 1, 0])
        let solved = await runner.run(exercise, submission: ExerciseRunner.solution(exercise))
        #expect(solved.score == 4, "\(solved)")
    }

    @Test func aRequiredCheckThatFailsExplainsTheZero() async throws {
        let exercise = try ExerciseFixtures.exercise(WrongAnswerSpecTests.lock)
        // Nothing tried on lock:b: the stranger keeps it, but that alone must not pay.
        let result = await runner.run(exercise, submission: .redis("SET lock:a mine NX EX 60\n"))
        #expect(result.checks[1].status == .failed)
        #expect(result.checks[1].points == 0)
        #expect(result.checks[1].message == "lock:b lost its owner. (This counts only once `your attempt on lock b was refused` passes.)")
    }

    @Test func theLockExerciseIsProved() async throws {
        let exercise = try ExerciseFixtures.exercise(WrongAnswerSpecTests.lock)
        #expect(WrongAnswerProof.answers(for: exercise).map(\.name)
            == ["an empty answer", "the setup alone, run again", "a script that only returns a constant", "SET without NX", "no expiry"])
        #expect(await WrongAnswerProof.prove(exercise, on: SimulatorBackend()) == [])
    }

    @Test func removingTheNegativeControlsGateMakesTheProofFail() async throws {
        // Without `requires`, the stranger's surviving lock pays an empty answer.
        let ungated = WrongAnswerSpecTests.lock.replacingOccurrences(of: "    requires: your attempt on lock b was refused\n", with: "")
        let exercise = try ExerciseFixtures.exercise(ungated)
        let problems = await WrongAnswerProof.prove(exercise, on: SimulatorBackend()).map(\.message)
        #expect(problems.contains("the wrong answer “an empty answer” earns 1/4, more than its 0: paid by `the stranger keeps lock b` (1)"))
    }

    @Test func removingACheckMakesTheProofFail() async throws {
        // Remove the refused-attempt check (its gate goes with it, as it names the check): the
        // stranger's surviving lock then pays an answer that does nothing.
        let text = WrongAnswerSpecTests.lock
            .replacingOccurrences(of: """
                  - name: your attempt on lock b was refused
                    points: 1
                    client: learner
                    replied: null
                    command: '^SET lock:b mine\\b'
                    message: "No attempt on lock:b was refused."

                """, with: "")
            .replacingOccurrences(of: "    requires: your attempt on lock b was refused\n", with: "")
            .replacingOccurrences(of: "points: 4\n", with: "points: 3\n")
        let exercise = try ExerciseFixtures.exercise(text)
        #expect(exercise.checks.map(\.name) == ["the stranger keeps lock b", "you hold lock a with an expiry"])
        let problems = await WrongAnswerProof.prove(exercise, on: SimulatorBackend()).map(\.message)
        #expect(problems.contains("the wrong answer “an empty answer” earns 1/3, more than its 0: paid by `the stranger keeps lock b` (1)"))
    }

    @Test func tooFewListedWrongAnswersIsAProblem() async throws {
        let exercise = try ExerciseFixtures.exercise(ExerciseFixtures.valid)
        let problems = await WrongAnswerProof.prove(exercise, on: SimulatorBackend())
        #expect(problems.map(\.message) == ["the exercise lists 0 wrong answers under `wrong`"])
    }

    @Test func aLuaExerciseGetsConstantScripts() throws {
        let exercise = try ExerciseFixtures.fixture("fixture-lock-script")
        #expect(WrongAnswerProof.answers(for: exercise).prefix(3).map(\.answer) == ["", "return 0", "return 1"])
    }
}
