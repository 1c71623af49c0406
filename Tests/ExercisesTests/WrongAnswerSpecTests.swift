import Exercises
import Foundation
import Testing

/// Reading `wrong`, `why`, a check's `requires` and a `replied` check's `command`.
@Suite struct WrongAnswerSpecTests {
    /// A lock exercise whose checks only pay together, with two listed wrong answers.
    static let lock = """
        id: lock-with-nx
        lesson: pubsub-basics
        title: "Take the lock"
        points: 4
        keys: ["lock:*"]
        setup:
          - SET lock:b stranger EX 60
        checks:
          - name: your attempt on lock b was refused
            points: 1
            client: learner
            replied: null
            command: '^SET lock:b mine\\b'
            message: "No attempt on lock:b was refused."
          - name: the stranger keeps lock b
            points: 1
            run: GET lock:b
            expect: stranger
            requires: your attempt on lock b was refused
            message: "lock:b lost its owner."
          - name: you hold lock a with an expiry
            points: 2
            run: TTL lock:a
            expect: {between: [1, 60]}
            message: "lock:a is not yours with an expiry."
        hints: [SET has NX and EX.]
        solution: |
          SET lock:a mine NX EX 60
          SET lock:b mine NX EX 60
        wrong:
          - name: SET without NX
            at_most: 2
            answer: |
              SET lock:a mine EX 60
              SET lock:b mine EX 60
          - name: no expiry
            at_most: 2
            answer: SET lock:b mine NX
        why: NX makes one winner; EX makes sure a crashed winner lets go.
        """

    @Test func wrongAnswersWhyRequiresAndCommandAreRead() throws {
        let exercise = try ExerciseFixtures.exercise(Self.lock)
        #expect(exercise.wrongAnswers.map(\.name) == ["SET without NX", "no expiry"])
        #expect(exercise.wrongAnswers.map(\.atMost) == [2, 2])
        #expect(exercise.wrongAnswers[0].answer == "SET lock:a mine EX 60\nSET lock:b mine EX 60\n")
        #expect(exercise.wrongAnswers[1].answer == "SET lock:b mine NX")
        #expect(exercise.why == "NX makes one winner; EX makes sure a crashed winner lets go.")
        #expect(exercise.checks[0].command == "^SET lock:b mine\\b")
        #expect(exercise.checks[1].requires == ["your attempt on lock b was refused"])
        #expect(exercise.checks[2].requires == [])
        #expect(exercise.checks[0].accepts(command: ["set", "lock:b", "mine", "NX"]))
        #expect(!exercise.checks[0].accepts(command: ["SET", "lock:a", "mine"]))
        #expect(exercise.checks[2].accepts(command: ["ANYTHING"]))
    }

    @Test func aFileWithoutWrongAnswersStillLoads() throws {
        // How many must be listed is dev check's rule, so the loader accepts none.
        let exercise = try ExerciseFixtures.exercise(ExerciseFixtures.valid)
        #expect(exercise.wrongAnswers == [])
        #expect(exercise.why == nil)
    }

    @Test func mistakesInTheNewFieldsNameTheirLine() throws {
        let forward = Self.lock.replacingOccurrences(of: "requires: your attempt on lock b was refused", with: "requires: you hold lock a with an expiry")
        #expect(try ExerciseFixtures.problems(forward).map(\.message)
            == ["the check `the stranger keeps lock b` requires `you hold lock a with an expiry`, which is not a check above it"])
        let badRegex = Self.lock.replacingOccurrences(of: "command: '^SET lock:b mine\\b'", with: "command: '(unclosed'")
        #expect(try ExerciseFixtures.problems(badRegex).map(\.message) == ["the `command` of the check `your attempt on lock b was refused` is not a regular expression"])
        let onRun = Self.lock.replacingOccurrences(of: "    expect: stranger\n", with: "    expect: stranger\n    command: GET\n")
        #expect(try ExerciseFixtures.problems(onRun).map(\.message) == ["`command` goes with `replied` only"])
        let fullMarks = Self.lock.replacingOccurrences(of: "at_most: 2\n    answer: SET lock:b mine NX", with: "at_most: 4\n    answer: SET lock:b mine NX")
        let problems = try ExerciseFixtures.problems(fullMarks)
        #expect(problems.map(\.message) == ["`at_most: 4` lets the wrong answer `no expiry` earn full marks"])
        #expect(problems.first?.line == 38)
        let noAnswer = Self.lock.replacingOccurrences(of: "    answer: SET lock:b mine NX\n", with: "")
        #expect(try ExerciseFixtures.problems(noAnswer).map(\.message) == ["the wrong answer `no expiry` has no `answer`"])
    }
}
