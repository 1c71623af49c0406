import Exercises
import Foundation
import Testing

/// Every kind of mistake in an exercise file becomes `file:line: problem — fix`.
@Suite struct ValidationTests {
    /// The problems as `line: message` (the fix is checked to be there, not word for word).
    private func problems(_ frontMatter: String, path: String = "pubsub-basics/01-test.md") throws -> [String] {
        let problems = try ExerciseFixtures.problems(frontMatter, path: path)
        for problem in problems { #expect(!problem.fix.isEmpty) }
        return problems.map { "\($0.line): \($0.message)" }
    }

    @Test func theFixtureCourseLoadsWithoutProblems() throws {
        let catalog = try ExerciseFixtures.catalog
        #expect(catalog.problems.map(\.description) == [])
        #expect(catalog.exercises.map(\.id) == ["fixture-first-subscriber", "fixture-lock-script"])
        let first = try #require(catalog.exercise(matching: "1.1"))
        #expect(first.id == "fixture-first-subscriber")
        #expect(catalog.exercise(matching: "pubsub-basics.2")?.id == "fixture-lock-script")
        #expect(first.peers.map(\.name) == ["listener", "publisher"])
        #expect(first.peers[1].when == .check)
        // The unquoted command holding `: ` is read from its line, not as a YAML mapping.
        #expect(first.peers[1].steps.first?.action == .command(["PUBLISH", "fixture:news", "from the checker: it works"]))
    }

    @Test func aValidFileHasNoProblems() throws {
        #expect(try problems(ExerciseFixtures.valid) == [])
        let exercise = try ExerciseFixtures.exercise(ExerciseFixtures.valid)
        #expect(exercise.checks.first?.kind == .run(steps: [ExerciseStep(.command(["GET", "counter"]), line: 10)], expect: .string("3")))
        #expect(exercise.instructions.contains("Do the thing."))
    }

    @Test func anUnknownFieldIsNamedWithItsLineAndASuggestion() throws {
        let text = ExerciseFixtures.valid.replacingOccurrences(of: "keys: [counter]", with: "keyz: [counter]")
        let found = try ExerciseFixtures.problems(text)
        #expect(found.count == 1)
        #expect(found.first?.line == 6)
        #expect(found.first?.message == "unknown field `keyz` in the front matter")
        #expect(found.first?.fix.contains("did you mean `keys`?") == true)
    }

    @Test func aMissingFieldIsNamed() throws {
        let text = ExerciseFixtures.valid.replacingOccurrences(of: "title: \"Count to three\"\n", with: "")
        #expect(try problems(text) == ["2: the front matter has no `title`"])
    }

    @Test func pointsThatDoNotAddUp() throws {
        let text = ExerciseFixtures.valid.replacingOccurrences(of: "points: 5\nkeys", with: "points: 7\nkeys")
        #expect(try problems(text) == ["5: `points` is 7 but the checks add up to 5 (5)"])
    }

    @Test func aCheckWithTwoKindsOrNone() throws {
        let two = ExerciseFixtures.valid.replacingOccurrences(of: "    expect: \"3\"\n", with: "    expect: \"3\"\n    client: learner\n    replied: 1\n")
        let twoProblems = try problems(two)
        #expect(twoProblems.contains("8: the check `the counter is 3` has two kinds (`run` and `replied`)"))
        let none = ExerciseFixtures.valid.replacingOccurrences(of: "    run: GET counter\n    expect: \"3\"\n", with: "")
        #expect(try problems(none) == ["8: the check `the counter is 3` has no kind"])
    }

    @Test func peerNamesMustBeUniqueAndNotReserved() throws {
        let peers = """
            peers:
              - name: listener
                steps: [SUBSCRIBE news]
              - name: listener
                steps: [SUBSCRIBE other]
              - name: checker
                steps: [PING]
            """
        let text = ExerciseFixtures.valid.replacingOccurrences(of: "keys: [counter]", with: "keys: [counter]\n" + peers)
        #expect(try problems(text) == [
            "10: the peer name `listener` is used twice (first on line 8)",
            "12: the peer name `checker` is reserved for the runner's own client",
        ])
    }

    @Test func anUnknownLessonOrFolder() throws {
        let wrongLesson = ExerciseFixtures.valid.replacingOccurrences(of: "lesson: pubsub-basics", with: "lesson: no-such-lesson")
        #expect(try problems(wrongLesson) == ["3: no lesson `no-such-lesson` in the course"])
        #expect(try problems(ExerciseFixtures.valid, path: "pubsub-basic/01-test.md") == ["1: the folder `pubsub-basic` is not the slug of a lesson"])
        #expect(try problems(ExerciseFixtures.valid, path: "pubsub-basics/test.md") == ["1: the file name `test.md` does not start with a two-digit number"])
    }

    @Test func anUnparsableStepOrExpectation() throws {
        let step = ExerciseFixtures.valid.replacingOccurrences(of: "run: GET counter", with: "run: GET \"counter")
        #expect(try problems(step) == ["10: the command `GET \"counter` has unbalanced quotes"])
        let advance = ExerciseFixtures.valid.replacingOccurrences(of: "keys: [counter]", with: "keys: [counter]\nsetup:\n  - advance: soon")
        #expect(try problems(advance) == ["8: `advance:` needs a duration like `5s`"])
        let expectation = ExerciseFixtures.valid.replacingOccurrences(of: "expect: \"3\"", with: "expect: {between: [5, 1]}")
        #expect(try problems(expectation) == ["11: `between: [5, 1]` is an empty range"])
        let unknown = ExerciseFixtures.valid.replacingOccurrences(of: "expect: \"3\"", with: "expect: {equals: 3}")
        #expect(try problems(unknown).first?.hasPrefix("11: an expectation written as a mapping must have exactly one of") == true)
        let regex = ExerciseFixtures.valid.replacingOccurrences(of: "expect: \"3\"", with: "expect: {matches: \"([\"}")
        #expect(try problems(regex) == ["11: the regular expression `([` does not compile"])
    }

    @Test func aDuplicateID() throws {
        let catalog = try ExerciseFixtures.catalog([
            "pubsub-basics/01-a.md": "---\n\(ExerciseFixtures.valid)\n---\n",
            "pubsub-basics/02-b.md": "---\n\(ExerciseFixtures.valid)\n---\n",
        ])
        #expect(catalog.exercises.count == 1)
        #expect(catalog.problems.map(\.description) == [
            "pubsub-basics/02-b.md:2: the id `counter-to-three` is also used by pubsub-basics/01-a.md — give every exercise its own id"
        ])
    }

    @Test func brokenYAMLNeverCrashesAndNamesItsLine() throws {
        let text = ExerciseFixtures.valid.replacingOccurrences(of: "title: \"Count to three\"", with: "title: \"Count to three")
        let found = try problems(text)
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("4: broken YAML in the front matter: a quote opened on this line is not closed on it") == true)
        #expect(try problems("just: [a, b") .count == 1)
        #expect(try ExerciseFixtures.catalog(["pubsub-basics/01-x.md": "no front matter"]).problems.map(\.line) == [1])
        #expect(try ExerciseFixtures.catalog(["pubsub-basics/01-x.md": "---\nid: x\n"]).problems.first?.message == "the front matter that starts here is never closed")
    }

    @Test func badTypesAreProblemsNotCrashes() throws {
        for (field, value) in [("points", "many"), ("points", "-3"), ("answer", "python"), ("hints", "{a: b}"), ("checks", "[]"), ("id", "Count To Three"), ("peers", "oops")] {
            var text = ExerciseFixtures.valid.split(separator: "\n").map { line in
                line.hasPrefix("\(field):") ? "\(field): \(value)" : String(line)
            }.joined(separator: "\n")
            if !text.contains("\n\(field): ") { text += "\n\(field): \(value)" }
            let found = try problems(text)
            #expect(!found.isEmpty, "\(field): \(value)")
        }
    }

    @Test func aNonUTF8FileIsAProblem() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("exercises-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("pubsub-basics"), withIntermediateDirectories: true)
        try Data([0x2D, 0x2D, 0x2D, 0x0A, 0xFF, 0xFE, 0x0A]).write(to: root.appendingPathComponent("pubsub-basics/01-x.md"))
        let catalog = ExerciseCatalog.load(directory: root.path, lessons: try ExerciseFixtures.lessons)
        #expect(catalog.problems.map(\.message) == ["the file is not UTF-8 text"])
    }

    @Test func aReceivedMessageMustBeAWholePush() throws {
        let text = ExerciseFixtures.valid.replacingOccurrences(
            of: "    run: GET counter\n    expect: \"3\"\n", with: "    client: learner\n    received:\n      - hello\n")
        #expect(try problems(text) == ["12: a message under `received` is a single value"])
    }

    @Test func clientsAndPlaceholdersAreChecked() throws {
        let unknownClient = ExerciseFixtures.valid.replacingOccurrences(of: "    run: GET counter\n    expect: \"3\"\n", with: "    client: ghost\n    replied: 1\n")
        #expect(try problems(unknownClient) == ["10: no client `ghost` in this exercise"])
        let script = ExerciseFixtures.valid.replacingOccurrences(of: "run: GET counter", with: "run: EVAL $SCRIPT 0")
        #expect(try problems(script) == ["10: `$SCRIPT` in an exercise whose answer is not `lua`"])
    }
}
