import Foundation
import RedislingsTestSupport
import Testing

/// Exercises in the learner's REPL, driven through standard input.
@Suite struct ExerciseREPLTests {
    static let lessons = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/ExerciseCourse/Lessons").path

    @Test func startSolveCheckAndResume() async throws {
        let home = REPLProcess.temporaryHome()
        let first = try await REPLProcess.runOffThePool(arguments: ["learn", "--lessons", Self.lessons], lines: [
            ":exercise", ":exercise 1", "PUBLISH fixture:news hello", ":check", ":hint",
            "INCR fixture:counter", "INCR fixture:counter", "INCR fixture:counter", "GET fixture:counter", ":check", ":peers",
        ], home: home)
        first.expect(status: 0)
        #expect(first.standardOutput.hasPrefix("""
               1  fixture-first-subscriber  Publish to a listener (10 points)
               2  fixture-lock-script       A lock released only by its owner (9 points)
            ✓ passed, ~ tried, * open now. Start one with :exercise N (or its id).
            Exercise 1.1: Publish to a listener (10 points)
            """))
        #expect(first.standardOutput.contains("""
            (integer) 1
            ✓ the listener heard you (4/4) — listener received the 1 expected message
            ✗ the counter was read back (0/3) — You have not read fixture:counter back after counting.
            ✗ the counter is 3 (0/3) — fixture:counter does not hold 3.
            Score 4/10: not yet. :hint gives a hint.
            Hint 1/3: Someone is already listening on fixture:news.
            """))
        #expect(first.standardOutput.contains("Score 10/10: passed. Well done!"))
        #expect(first.standardOutput.hasSuffix("""
            listener:
              > SUBSCRIBE fixture:news
                1) "subscribe"
                2) "fixture:news"
                3) (integer) 1
              received message fixture:news hello
              received message fixture:news from the checker: it works
              received message fixture:news from the checker: it works
            publisher:
              > PUBLISH fixture:news "from the checker: it works"
                (integer) 1
              received no messages

            """))
        let state = try String(contentsOfFile: home + "/state", encoding: .utf8)
        #expect(state.contains("exercise: fixture-first-subscriber"))

        let resumed = try await REPLProcess.runOffThePool(arguments: ["learn", "--lessons", Self.lessons], lines: [":hint", ":check", ":exercise", ":hint", ":hint answer"], home: home)
        // A notice, not a reply: piped, it goes to standard error.
        #expect(resumed.standardError.contains("Exercise 1.1 Publish to a listener is open again, from a fresh start."))
        #expect(resumed.standardOutput.contains("Hint 2/3: PUBLISH sends a message; INCR counts."))
        // The last hint gives the answer away: shown only when asked for by name.
        #expect(resumed.standardOutput.contains("The next hint gives the answer away: type :hint answer to see it.\nHint 3/3: PUBLISH fixture:news hello"))
        #expect(resumed.standardOutput.contains("Score 0/10: not yet."))
        // The list marks the exercise passed earlier and the one open now, in aligned columns.
        #expect(resumed.standardOutput.contains("*✓ 1  fixture-first-subscriber  Publish to a listener (10 points)\n   2  fixture-lock-script       A lock"))
    }

    /// `:reset` leaves the exercise for good: the state file forgets it, so the next session
    /// does not reopen it.
    @Test func resetLeavesTheExerciseForTheNextSessionToo() async throws {
        let home = REPLProcess.temporaryHome()
        let first = try await REPLProcess.runOffThePool(arguments: ["learn", "--lessons", Self.lessons], lines: [":exercise 1", ":reset"], home: home)
        #expect(first.standardOutput.contains("Exercise 1.1 was left; :exercise fixture-first-subscriber starts it again."))
        let state = try String(contentsOfFile: home + "/state", encoding: .utf8)
        #expect(!state.contains("exercise:"), "\(state)")
        let next = try await REPLProcess.runOffThePool(arguments: ["learn", "--lessons", Self.lessons], lines: [":check"], home: home)
        #expect(!next.standardError.contains("open again"))
        #expect(next.standardOutput.hasPrefix("No exercise in progress."))
    }

    @Test func metaCommandsWithoutAnExerciseSayWhatToDo() async throws {
        let run = try await REPLProcess.runOffThePool(arguments: ["learn", "--lessons", Self.lessons], lines: [":check", ":exercise nope"])
        #expect(run.standardOutput == """
            No exercise in progress. :exercise lists this lesson's; :exercise ID starts one.
            No exercise 'nope'. :exercise lists this lesson's; `redislings exercise list` lists them all.

            """)
    }
}
