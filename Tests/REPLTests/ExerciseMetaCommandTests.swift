import Exercises
import Foundation
import LessonKit
import RedisBackends
import Testing
@testable import REPL

/// `:exercise`, `:check`, `:hint` and `:peers` in a session on the simulator.
@Suite struct ExerciseMetaCommandTests {
    private let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("repl-exercises-\(UUID().uuidString)")

    /// A workbench over one exercise whose front matter is `frontMatter`.
    private func workbench(_ frontMatter: String) throws -> ExerciseWorkbench {
        let lessons = scratch.appendingPathComponent("Lessons")
        let exercises = scratch.appendingPathComponent("Exercises/channels")
        try FileManager.default.createDirectory(at: lessons, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: exercises, withIntermediateDirectories: true)
        try "---\nnumber: 2\ntitle: Channels\nslug: channels\n---\n\n# Channels\n"
            .write(to: lessons.appendingPathComponent("02. Channels.md"), atomically: true, encoding: .utf8)
        try "---\n\(frontMatter)\n---\n\nListen on **alerts**.\n"
            .write(to: exercises.appendingPathComponent("01-listen.md"), atomically: true, encoding: .utf8)
        let catalog = ExerciseCatalog.load(directory: scratch.appendingPathComponent("Exercises").path,
                                           lessons: try LessonCatalog.load(directory: lessons.path))
        #expect(catalog.problems.map(\.description) == [])
        return ExerciseWorkbench(catalog: catalog, hintLog: HintFile(path: scratch.appendingPathComponent("hints.json").path),
                                 workspace: ExerciseWorkspace(directory: scratch.appendingPathComponent("work").path))
    }

    private func transcript(_ lines: [String], workbench: ExerciseWorkbench) async throws -> String {
        let output = BufferOutput()
        let session = try await ReplSession(
            backend: ReplBackend(SimulatorBackend()),
            input: PipedInput(lines: lines), output: output)
        session.exercises = workbench
        await session.run()
        return output.text
    }

    private static let listen = """
        id: listen-for-alerts
        lesson: channels
        title: "Listen for alerts"
        points: 3
        peers:
          - name: siren
            when: check
            steps:
              - PUBLISH alerts fire
        checks:
          - name: you heard the alert
            points: 2
            client: learner
            received: [[message, alerts, fire]]
            message: "You were not subscribed to alerts when the siren went off."
          - name: one listener
            points: 1
            client: siren
            replied: 1
            message: "Nobody heard the siren."
        hints: [Listen first., SUBSCRIBE alerts]
        solution: SUBSCRIBE alerts
        """

    /// `:check` shows the first error the learner's own commands met, with "did you mean".
    @Test func checkShowsTheLearnersFirstError() async throws {
        let bench = try workbench(Self.listen)
        let text = try await transcript([":exercise listen-for-alerts", "SUBSCRIB alerts", ":check"], workbench: bench)
        #expect(text.contains(
            "Your first error: `SUBSCRIB alerts` got (error) ERR unknown command 'SUBSCRIB', with args beginning with: 'alerts' (did you mean SUBSCRIBE?)"),
            "\(text)")
    }

    @Test func theLearnersOwnConnectionIsGraded() async throws {
        let bench = try workbench(Self.listen)
        let text = try await transcript([":exercise listen-for-alerts", ":check", ":hint", "SUBSCRIBE alerts", ":check", ":peers"], workbench: bench)
        #expect(text.hasPrefix("Exercise 2.1: Listen for alerts (3 points)\n"))
        #expect(text.contains("""
            ✗ you heard the alert (0/2) — You were not subscribed to alerts when the siren went off.
            ✗ one listener (0/1) — Nobody heard the siren.
            Score 0/3: not yet. :hint gives a hint.
            Hint 1/2: Listen first.
            1) "subscribe"
            2) "alerts"
            3) (integer) 1
            """))
        #expect(text.contains("""
            ✓ you heard the alert (2/2) — you received the 1 expected message
            ✓ one listener (1/1) — siren got (integer) 1 from `PUBLISH alerts fire`
            Score 3/3: passed. Well done!
            """))
        #expect(text.hasSuffix("""
            siren:
              > PUBLISH alerts fire
                (integer) 1
              received no messages

            """))
        #expect(try bench.hintLog.hintsShown(for: "listen-for-alerts") == 1)
        #expect(bench.active == nil)
    }

    /// A hidden check counts, under its number only: its message is withheld, failed or passed,
    /// as the page and the grading feedback withhold it.
    @Test func aHiddenChecksMessageIsWithheld() async throws {
        let hidden = Self.listen.replacingOccurrences(of: "    replied: 1\n", with: "    replied: 1\n    hidden: true\n")
        let bench = try workbench(hidden)
        let text = try await transcript([":exercise listen-for-alerts", ":check", "SUBSCRIBE alerts", ":check"], workbench: bench)
        #expect(text.contains("✗ hidden check 2 (0/1)\nScore 0/3"), "\(text)")
        #expect(text.contains("✓ hidden check 2 (1/1)\nScore 3/3"), "\(text)")
        #expect(!text.contains("Nobody heard the siren") && !text.contains("one listener"), "\(text)")
    }

    @Test func aPassShowsWhyItWorks() async throws {
        let bench = try workbench(Self.listen + "\nwhy: |\n  Only a connection subscribed when the siren\n  goes off hears it.")
        let text = try await transcript([":exercise listen-for-alerts", ":check", "SUBSCRIBE alerts", ":check"], workbench: bench)
        #expect(text.components(separatedBy: "Why this works:").count == 2)
        #expect(text.contains("""
            Score 3/3: passed. Well done!
            Why this works: Only a connection subscribed when the siren goes off hears it.
            """))
    }

    @Test func listingAndUnknownNames() async throws {
        let bench = try workbench(Self.listen)
        let text = try await transcript([":exercise", ":exercise 9", ":peers", ":hint"], workbench: bench)
        #expect(text == """
               1  listen-for-alerts  Listen for alerts (3 points)
            Start one with :exercise N (or its id).
            No exercise '9'. :exercise lists this lesson's; `redislings exercise list` lists them all.
            No exercise in progress. :exercise lists this lesson's; :exercise ID starts one.
            No exercise in progress. :exercise lists this lesson's; :exercise ID starts one.

            """)
    }

    @Test func aLuaExerciseIsCheckedFromItsFile() async throws {
        let bench = try workbench("""
            id: double-it
            lesson: channels
            title: "Double it"
            points: 1
            answer: lua
            starter: "-- return twice ARGV[1]"
            checks:
              - name: twice 21 is 42
                points: 1
                run: EVAL $SCRIPT 0 21
                expect: 42
                message: "The script does not return twice its argument."
            hints: [tonumber]
            solution: return tonumber(ARGV[1]) * 2
            """)
        let first = try await transcript([":exercise 2.1", ":check"], workbench: bench)
        let file = scratch.appendingPathComponent("work/double-it.lua").path
        #expect(first.contains("Write the script in \(file), then :check."))
        #expect(first.contains("✗ twice 21 is 42 (0/1)"))
        try "return tonumber(ARGV[1]) * 2\n".write(toFile: file, atomically: true, encoding: .utf8)
        let second = try await transcript([":exercise double-it", ":check"], workbench: bench)
        #expect(second.contains("✓ twice 21 is 42 (1/1) — your script replied (integer) 42"))
    }
}
