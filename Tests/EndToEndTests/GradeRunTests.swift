import Foundation
import RedislingsTestSupport
import Testing

/// `redislings grade` on the built binary where a run could go wrong: refused before any answer
/// runs, answers that cannot be graded, stops in the exercise's own steps, the progress bar, and
/// several runs (or learners) on one home at once.
@Suite(.serialized) struct GradeRunTests: GradeWorkspaceSuite {
    let space: GradeWorkspace

    init() throws { space = try GradeWorkspace(prefix: "grade-run") }


    // MARK: Items 8 and 9: refused before any grading

    @Test func anUnwritableOutOrAnEmptyClassIsRefusedBeforeGrading() async throws {
        defer { try? FileManager.default.removeItem(at: work) }
        try space.makeClass("fall", [("ada", "ada"), ("h-block", "h-block")])
        try Data("not a folder".utf8).write(to: work.appendingPathComponent("blocked"))
        let blocked = try await space.grade("fall", out: "blocked/reports")
        #expect(blocked.status != 0)
        #expect(blocked.standardError.hasPrefix(
            "Error: cannot create the reports folder \(work.path)/blocked/reports/feedback: \(work.path)/blocked is a file, not a folder\n"), "\(blocked.standardError)")
        // Refused first: no run was recorded (h-block's answer would have taken the full time limit).
        let runs = try await space.run(["gradebook", "runs"])
        #expect(runs.standardError.contains("holds no grades yet"), "\(runs.standardError)")

        try FileManager.default.createDirectory(at: work.appendingPathComponent("empty"), withIntermediateDirectories: true)
        let empty = try await space.grade("empty")
        #expect(empty.status != 0)
        #expect(empty.standardError.hasPrefix("Error: \(work.path)/empty holds no student folders: there is no one to grade"), "\(empty.standardError)")
        try space.makeClass("idle", [("wes", "wes"), ("xan", "wes")])
        let idle = try await space.grade("idle")
        #expect(idle.status != 0)
        #expect(idle.standardError.contains("no student in idle handed in a file named after an exercise"), "\(idle.standardError)")
        let still = try await space.run(["gradebook", "runs"])
        #expect(still.standardError.contains("holds no grades yet"))
    }

    // MARK: Item 5: one verdict for an answer that could not be graded

    @Test func anAnswerThatCouldNotBeGradedScoresZeroEverywhere() async throws {
        defer { try? FileManager.default.removeItem(at: work) }
        try space.makeClass("fall", [("half", "h-lua-half"), ("loop", "h-lua-loop")])
        let result = try await space.grade("fall", ["--no-gradebook", "--only", "ex-lock"])
        result.expect(status: 0)
        #expect(result.standardOutput.contains("Could not be graded (2, zero points):"))
        // Item 6: the check's step is the exercise's line, never a line of the one-line script.
        #expect(result.standardOutput.contains("  half/ex-lock.lua: the script ran past the Lua time budget of 2 s"), "\(result.standardOutput)")
        #expect(!result.standardOutput.contains("ex-lock.lua: line "), "\(result.standardOutput)")
        let feedback = try space.report("feedback/half.md")
        #expect(feedback.contains("Total: **0 / 9** points"), "\(feedback)")
        #expect(feedback.contains("## ex-lock — A lock in Lua: 0 / 9"))
        #expect(feedback.contains("Every check of this exercise gets zero."))
        #expect(try space.report("gradebook.csv").contains("\nhalf,0,0,,\n"))
    }

    @Test func aStopInTheExercisesOwnStepIsTheCoursesPositionNotTheStudents() async throws {
        defer { try? FileManager.default.removeItem(at: work) }
        // A course whose check blocks when the answer leaves the queue empty: the run stops in
        // the exercise's step at line 10, which is no line of the student's one-line file.
        let course = work.appendingPathComponent("course")
        try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent("Course"), to: course)
        try """
            ---
            id: ex-wait
            lesson: class-messaging
            title: "A job in the queue"
            points: 4
            keys: [queue]
            checks:
              - name: the queue hands out a job
                points: 4
                run: BLPOP queue 0
                expect: {length: 2}
                message: "No job was waiting in queue."
            hints:
              - A list can be a queue.
            solution: |
              RPUSH queue job-1
            ---

            Push `job-1` onto `queue`.

            """.write(to: course.appendingPathComponent("Exercises/class-messaging/05-wait.md"), atomically: true, encoding: .utf8)
        let folder = work.appendingPathComponent("fall")
        for (student, answer) in [("ann", "RPUSH queue job-1\n"), ("ben", "PING\n"), ("cy", "PING\n")] {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent(student), withIntermediateDirectories: true)
            try answer.write(to: folder.appendingPathComponent("\(student)/ex-wait.redis"), atomically: true, encoding: .utf8)
        }
        let result = try await space.run([
            "grade", "fall", "--lessons", course.appendingPathComponent("Lessons").path, "--exercises", course.appendingPathComponent("Exercises").path,
            "--out", "reports", "--time-limit", "2", "--no-gradebook",
        ])
        result.expect(status: 0)
        #expect(result.standardOutput.contains("  ben/ex-wait.redis: check `the queue hands out a job`: `BLPOP queue 0` was still waiting when the wall-clock budget of 2 s ran out\n"), "\(result.standardOutput)")
        #expect(result.standardOutput.contains("Stopped in a step of the exercise's own file (check the exercise if every answer stops there):\n  ex-wait line 10: 2 answers of 3\n"), "\(result.standardOutput)")
        let feedback = try space.report("feedback/ben.md")
        #expect(feedback.contains("`BLPOP queue 0` was still waiting"), "\(feedback)")
        #expect(!feedback.contains("line"), "\(feedback)")
        let results = try #require(try JSONSerialization.jsonObject(with: Data(space.report("results.json").utf8)) as? [String: Any])
        let ben = try #require((results["students"] as? [[String: Any]])?.first { $0["student"] as? String == "ben" })
        #expect((ben["exercises"] as? [[String: Any]])?.first?["exercise_line"] as? Int == 10)
    }

    // MARK: Item 10: the progress bar's clock keeps running

    @Test func theProgressBarsClockRunsWhileAnAnswerIsSlow() async throws {
        defer { try? FileManager.default.removeItem(at: work) }
        guard let terminal = try TmuxTerminal.start() else { return }
        defer { terminal.stop() }
        let slow = try space.makeClass("slow", [("h-block", "h-block")])
        // A bounded wait, not BLPOP … 0: a wait nothing can end is stopped at once (issue 15 item 5).
        try "BLPOP nothing 6\nPUBLISH news hello\n".write(
            to: slow.appendingPathComponent("h-block/ex-publish.redis"), atomically: true, encoding: .utf8)
        let command = "cd \(shellQuoted(work.path)) && env REDISLINGS_HOME=home " + [
            binary.path, "grade", "slow", "--lessons", Self.fixtures.appendingPathComponent("Course/Lessons").path,
            "--exercises", Self.fixtures.appendingPathComponent("Course/Exercises").path, "--jobs", "1", "--time-limit", "8", "--no-gradebook",
        ].map(shellQuoted).joined(separator: " ")
        try await terminal.open(command)
        // While h-block's BLPOP waits out its 6 s, no answer finishes: the count stays, the clock moves.
        func bar() -> (count: String, seconds: String)? {
            guard let line = terminal.screen().split(separator: "\n").last(where: { $0.hasPrefix("grading [") }) else { return nil }
            let words = line.split(separator: " ")
            guard words.count >= 4 else { return nil }
            return (String(words[words.count - 3]), String(words[words.count - 2]))
        }
        try await terminal.waitFor { $0.contains("grading [") && $0.contains("1/4") }
        var moved = false
        for _ in 0..<5 where !moved {
            guard let first = bar() else { break }
            try await Task.sleep(for: .milliseconds(1_500))
            guard let second = bar() else { break }
            if first.count == second.count, first.count == "1/4" { moved = first.seconds != second.seconds }
        }
        #expect(moved, "the bar's elapsed time did not move while the count stood still:\n\(terminal.screen())")
        try await terminal.waitFor { $0.contains("[exited]") }
    }

    // MARK: Issue 23 item 17: runs started together on a fresh home

    @Test func commandsStartedTogetherOnAFreshHomeAllMigrate() async throws {
        defer { try? FileManager.default.removeItem(at: work) }
        for round in 0..<3 {
            let home = work.appendingPathComponent("race-\(round)").path
            let script = (0..<6).map { index in
                "REDISLINGS_HOME=\(shellQuoted(home)) \(shellQuoted(binary.path)) gradebook runs > \(shellQuoted(work.path))/out-\(round)-\(index) 2>&1 &"
            }.joined(separator: "\n") + "\nwait"
            let result = try await runShellOffThePool(script)
            #expect(result.status == 0)
            for index in 0..<6 {
                let output = try String(contentsOfFile: work.path + "/out-\(round)-\(index)", encoding: .utf8)
                #expect(output.contains("holds no grades yet"), "round \(round), process \(index): \(output)")
                #expect(!output.contains("already exists"))
            }
        }
    }

    @Test func aStateWriteRemovesTheTemporaryFilesOfKilledProcesses() async throws {
        defer { try? FileManager.default.removeItem(at: work) }
        let home = work.appendingPathComponent("learner").path
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        // The pid of a process that has ended, as a write killed before its rename leaves behind.
        let ended = try await runShellOffThePool("sh -c 'echo $$'")
        let pid = try #require(Int32(ended.output.trimmingCharacters(in: .whitespacesAndNewlines)))
        let stale = home + "/state.tmp-\(pid)"
        try "lesson: keys-first\n".write(toFile: stale, atomically: false, encoding: .utf8)
        // One that belongs to a running process (this test's) is another write in progress: kept.
        let live = home + "/state.tmp-\(getpid())"
        try "lesson: keys-first\n".write(toFile: live, atomically: false, encoding: .utf8)
        let result = try await REPLProcess.runOffThePool(arguments: ["learn", "channels"], lines: [":lesson"], home: home)
        result.expect(status: 0)
        #expect(try String(contentsOfFile: home + "/state", encoding: .utf8).contains("lesson: channels"))
        #expect(!FileManager.default.fileExists(atPath: stale))
        #expect(FileManager.default.fileExists(atPath: live))
    }
}
