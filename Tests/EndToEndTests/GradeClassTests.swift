import Foundation
import RedislingsTestSupport
import Testing

/// `redislings grade` on the built binary with classes as instructors really get them: copied
/// folders whose times were reset, git repositories (GitHub Classroom), a hand-in manifest,
/// names in two Unicode forms, assignments, and folders that cannot be graded at all.
@Suite(.serialized) struct GradeClassTests {
    static let fixtures = GradeCommandTests.fixtures
    static let deadline = "2026-12-01T23:59:00Z"

    let work: URL
    let binary: RedislingsBinary

    init() throws {
        binary = try #require(RedislingsBinary.locate(), "build the redislings product first (swift build --build-tests builds it)")
        work = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("grade-class-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    }

    /// A class folder `name` with copies of the sample class's `students` (as folder → fixture).
    /// The copies' modification times are now, as after any copy.
    @discardableResult
    private func makeClass(_ name: String, _ students: [(folder: String, fixture: String)]) throws -> URL {
        let folder = work.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for student in students {
            try FileManager.default.copyItem(
                at: Self.fixtures.appendingPathComponent("Class/\(student.fixture)"), to: folder.appendingPathComponent(student.folder))
        }
        return folder
    }

    /// Makes `folder` a git repository whose commits hand in `files` at the given times.
    private func commit(in folder: URL, _ batches: [(files: [String], time: String)]) async throws {
        var script = "set -e; cd '\(folder.path)'; git init -q; git config user.email s@example.com; git config user.name student; "
        for batch in batches {
            script += "git add \(batch.files.joined(separator: " ")); "
            script += "GIT_AUTHOR_DATE='\(batch.time)' GIT_COMMITTER_DATE='\(batch.time)' git commit -q -m work; "
        }
        let result = try await runShellOffThePool(script)
        #expect(result.status == 0, "\(result.output)")
    }

    private func run(_ arguments: [String], home: String = "home") async throws -> RedislingsBinary.Output {
        try await binary.runOffThePool(arguments, in: work.path, environment: ["REDISLINGS_HOME": work.appendingPathComponent(home).path])
    }

    private func grade(_ folder: String, _ extra: [String] = [], out: String = "reports") async throws -> RedislingsBinary.Output {
        try await run([
            "grade", folder, "--lessons", Self.fixtures.appendingPathComponent("Course/Lessons").path,
            "--exercises", Self.fixtures.appendingPathComponent("Course/Exercises").path, "--out", out, "--time-limit", "8",
        ] + extra)
    }

    private func report(_ name: String, out: String = "reports") throws -> String {
        try String(contentsOf: work.appendingPathComponent("\(out)/\(name)"), encoding: .utf8)
    }

    /// Whether `text`'s UTF-8 holds `part`'s UTF-8 bytes (String comparison would treat NFC and
    /// NFD as equal, which is what these tests must tell apart).
    private func bytes(_ text: String, contain part: String) -> Bool {
        let haystack = Array(text.utf8), needle = Array(part.utf8)
        guard needle.count <= haystack.count else { return false }
        return (0...(haystack.count - needle.count)).contains { Array(haystack[$0..<($0 + needle.count)]) == needle }
    }

    // MARK: Item 2: one identity rule for names

    @Test func namesThatDifferOnlyInUnicodeFormAreRefusedNamingBoth() async throws {
        defer { try? FileManager.default.removeItem(at: work) }
        try makeClass("twins", [("Jos\u{E9}", "ada"), ("Jose\u{301}", "rex")])
        let twins = try await grade("twins")
        #expect(twins.status != 0)
        #expect(twins.standardError.contains(#"the folders "Jos\u{E9}" and "Jose\u{301}""#), "\(twins.standardError)")
        #expect(twins.standardError.contains("name the same student"))
        let runs = try await run(["gradebook", "runs"])
        #expect(runs.standardError.contains("holds no grades yet"), "nothing may be recorded for a refused class")

        // Alone, a decomposed name is graded and reported in NFC, the form of every report.
        try makeClass("single", [("Zo\u{65}\u{308}", "ada")])
        let single = try await grade("single")
        #expect(single.status == 0, "\(single.standardError)")
        let csv = try report("gradebook.csv")
        #expect(bytes(csv, contain: "\nZo\u{EB},10,6,9,5,30,,\n"), "\(csv)")
        #expect(!bytes(csv, contain: "Zoe\u{308}"))
        #expect(FileManager.default.fileExists(atPath: work.appendingPathComponent("reports/feedback/Zo\u{EB}.md").path))
        // The gradebook keys on the same form, however the name is typed.
        let override = try await run(["gradebook", "override", "Zoe\u{308}", "ex-counter", "9", "--comment", "typed decomposed"])
        #expect(override.status == 0, "\(override.standardError)")
        let export = try await run(["gradebook", "export"])
        #expect(bytes(export.standardOutput, contain: "\nZo\u{EB},9,6,9,5,29,,ex-counter: set to 9 by hand: typed decomposed\n"), "\(export.standardOutput)")
    }

    @Test func controlCharactersInANameAreWrittenOut() async throws {
        defer { try? FileManager.default.removeItem(at: work) }
        let folder = try makeClass("odd", [("eve\u{1B}[2J\u{7}", "ada")])
        // A message quoting a student's line keeps its escape sequence written out too.
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("mal"), withIntermediateDirectories: true)
        try "SET \"x\u{1B}[2J\n".write(to: folder.appendingPathComponent("mal/ex-counter.redis"), atomically: true, encoding: .utf8)
        let result = try await grade("odd", ["--no-gradebook"])
        #expect(result.status == 0, "\(result.standardError)")
        let shown = #"eve\u{1B}[2J\u{7}"#
        let feedback = try report("feedback/\(shown).md")
        #expect(feedback.hasPrefix("# Feedback for \(shown)\n"))
        #expect(!feedback.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(!result.standardOutput.contains("\u{1B}"))
        #expect(try report("gradebook.csv").contains("\n\(shown),10,6,9,5,30,,\n"))
        let mal = try report("feedback/mal.md")
        #expect(mal.contains(#"unbalanced quotes in `SET "x\u{1B}[2J`"#), "\(mal)")
        #expect(!mal.contains("\u{1B}"))
    }

    // MARK: Item 3: hand-in times that survive copying

    @Test func copiedFilesAreNotLateByTheirModificationTimes() async throws {
        defer { try? FileManager.default.removeItem(at: work) }
        try makeClass("copied", [("ada", "ada"), ("jon", "jon")])
        // Copied today, days after the deadline: without a source of hand-in times nobody is late.
        let result = try await grade("copied", ["--deadline", Self.deadline, "--no-gradebook"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError.contains("warning: no hand-in time for 8 files"), "\(result.standardError)")
        #expect(try report("gradebook.csv") == """
            student,ex-counter,ex-publish,ex-lock,ex-stream,total,late,comments
            max points,10,6,9,5,30,,
            ada,10,6,9,5,30,,
            jon,7,2,6,2,17,,

            """)

        // Asked for, file times are used — and the tell-tale of a copy is pointed out.
        let mtime = try await grade("copied", ["--deadline", Self.deadline, "--no-gradebook", "--lateness-from", "mtime"])
        #expect(mtime.status == 0, "\(mtime.standardError)")
        #expect(mtime.standardError.contains("warning: every one of the 8 files is late by the same amount"), "\(mtime.standardError)")
        let late = try report("gradebook.csv")
        #expect(late.contains("\nada,"), "\(late)")
        #expect(!late.contains("\nada,10,6,9,5,30,,\n"), "\(late)")
    }

    @Test func handInTimesComeFromTheManifestThenFromGitCommits() async throws {
        defer { try? FileManager.default.removeItem(at: work) }
        let folder = try makeClass("fall", [("ada", "ada"), ("jon", "jon"), ("kim", "kim"), ("quin", "quin")])
        // kim's folder is a repository: counter and publish on time, lock and stream 2 started days late.
        let kim = folder.appendingPathComponent("kim")
        try await commit(in: kim, [
            (["ex-counter.redis", "ex-publish.redis"], "2026-12-01T12:00:00Z"),
            (["ex-lock.lua", "ex-stream.redis"], "2026-12-03T10:00:00Z"),
        ])
        try """
            student,exercise,submitted_at
            ada,*,2026-12-01T20:00:00Z
            jon,*,2026-12-01T21:00:00Z
            jon,ex-counter,2026-12-03T08:00:00+01:00

            """.write(to: folder.appendingPathComponent("submitted.csv"), atomically: true, encoding: .utf8)
        let result = try await grade("fall", ["--deadline", Self.deadline, "--late-penalty", "10"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError.contains("Hand-in times: 4 from git commits, 8 from submitted.csv, 4 unknown (not judged late)."), "\(result.standardError)")
        #expect(result.standardError.contains("warning: no hand-in time for 4 files (quin/ex-counter.redis"), "\(result.standardError)")
        // Worked out by hand: jon's counter (raw 7) is 2 days late, -20% → 5.6; kim's lock (6)
        // and stream (3) are 2 days late → 4.8 and 2.4; quin has no time and is not late.
        #expect(try report("gradebook.csv") == """
            student,ex-counter,ex-publish,ex-lock,ex-stream,total,late,comments
            max points,10,6,9,5,30,,
            ada,10,6,9,5,30,,
            jon,5.6,2,6,2,15.6,"ex-counter: 2 days late, -20%",
            kim,7,4,4.8,2.4,18.2,"ex-lock: 2 days late, -20%; ex-stream: 2 days late, -20%",
            quin,7,6,9,3,25,,

            """)
        // A manifest line that cannot be read names its line.
        try "student,exercise,submitted_at\nada,*,yesterday\n".write(to: folder.appendingPathComponent("submitted.csv"), atomically: true, encoding: .utf8)
        let broken = try await grade("fall", ["--deadline", Self.deadline, "--no-gradebook"])
        #expect(broken.status != 0)
        #expect(broken.standardError.contains("submitted.csv line 2: yesterday is not a time"), "\(broken.standardError)")
    }

    // MARK: Item 13: GitHub Classroom's download layout

    @Test func aGitHubClassroomDownloadIsGradedByLoginWithCommitTimes() async throws {
        defer { try? FileManager.default.removeItem(at: work) }
        let folder = try makeClass("week3-submissions", [("week3-ada", "ada"), ("week3-jon", "jon"), ("notes", "wes")])
        try await commit(in: folder.appendingPathComponent("week3-ada"), [(["."], "2026-12-01T10:00:00Z")])
        try await commit(in: folder.appendingPathComponent("week3-jon"), [
            (["ex-publish.redis", "ex-lock.lua", "ex-stream.redis"], "2026-12-01T10:00:00Z"),
            (["ex-counter.redis"], "2026-12-02T09:00:00Z"),
        ])
        // Without --classroom, the layout is recognised and the option suggested.
        try FileManager.default.moveItem(at: folder.appendingPathComponent("notes"), to: work.appendingPathComponent("notes"))
        let plain = try await grade("week3-submissions", ["--no-gradebook"])
        #expect(plain.standardError.contains("warning: every student folder is a git repository named week3-…: if this is a GitHub Classroom download, pass --classroom week3"), "\(plain.standardError)")
        try FileManager.default.moveItem(at: work.appendingPathComponent("notes"), to: folder.appendingPathComponent("notes"))
        let result = try await grade("week3-submissions", ["--classroom", "week3", "--deadline", Self.deadline, "--class", "week3"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("Graded 2 students on 4 exercises (8 submissions)"), "\(result.standardOutput)")
        #expect(result.standardOutput.contains("  notes: not graded: a GitHub Classroom folder of this assignment is named week3-<login>"))
        #expect(try report("gradebook.csv") == """
            student,ex-counter,ex-publish,ex-lock,ex-stream,total,late,comments
            max points,10,6,9,5,30,,
            ada,10,6,9,5,30,,
            jon,6.3,2,6,2,16.3,"ex-counter: 1 day late, -10%",

            """)
        // Paths name the folder as it is on disk, so the instructor finds the file.
        let results = try #require(try JSONSerialization.jsonObject(with: Data(report("results.json").utf8)) as? [String: Any])
        let jon = try #require((results["students"] as? [[String: Any]])?.first { $0["student"] as? String == "jon" })
        let counter = try #require((jon["exercises"] as? [[String: Any]])?.first { $0["exercise"] as? String == "ex-counter" })
        #expect(counter["file"] as? String == "week3-jon/ex-counter.redis")
        #expect(counter["submitted_at"] as? String == "2026-12-02T09:00:00Z")
        let export = try await run(["gradebook", "export", "--format", "canvas", "--assignment-name", "Week 3"])
        #expect(export.standardOutput == """
            Student,ID,SIS User ID,SIS Login ID,Section,Week 3
            Points Possible,,,,,30
            ada,,,ada,,30
            jon,,,jon,,16.3

            """)
    }

    // MARK: Item 4: assignments

    @Test func byDefaultOnlyExercisesSomeoneHandedInAreGraded() async throws {
        defer { try? FileManager.default.removeItem(at: work) }
        try makeClass("week1", [("ned", "ned"), ("ola", "ola"), ("wes", "wes")])
        let result = try await grade("week1", ["--no-gradebook"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("Graded 3 students on 2 exercises (3 submissions)"), "\(result.standardOutput)")
        #expect(result.standardOutput.contains("Missing (3):\n  ned: ex-publish\n  wes: ex-counter, ex-publish\n"), "\(result.standardOutput)")
        #expect(try report("gradebook.csv") == """
            student,ex-counter,ex-publish,total,late,comments
            max points,10,6,16,,
            ned,10,0,10,,
            ola,10,6,16,,
            wes,0,0,0,,

            """)
        #expect(try report("feedback/ola.md").contains("Total: **16 / 16** points"))

        // An assignment file picks the exercises and what each is worth.
        try """
            name: Week 1 — counters and locks
            exercises:
              - ex-counter: 20
              - ex-lock
            deadline: 2026-12-01
            late_penalty: 25%

            """.write(to: work.appendingPathComponent("week1.yml"), atomically: true, encoding: .utf8)
        let assigned = try await grade("week1", ["--no-gradebook", "--assignment", "week1.yml"])
        #expect(assigned.status == 0, "\(assigned.standardError)")
        #expect(try report("gradebook.csv") == """
            student,ex-counter,ex-lock,total,late,comments
            max points,20,9,29,,
            ned,20,0,20,,
            ola,20,0,20,,
            wes,0,0,0,,

            """)
        let results = try #require(try JSONSerialization.jsonObject(with: Data(report("results.json").utf8)) as? [String: Any])
        #expect(results["assignment"] as? String == "Week 1 — counters and locks")
        let ola = try #require((results["students"] as? [[String: Any]])?.first { $0["student"] as? String == "ola" })
        let counter = try #require((ola["exercises"] as? [[String: Any]])?.first)
        #expect((counter["checks"] as? [[String: Any]])?.map { $0["max_points"] as? Double } == [10, 6, 4])
        #expect(results["late_penalty_percent_per_day"] as? Double == 25)

        let lesson = try await grade("week1", ["--no-gradebook", "--lesson", "class-messaging"])
        #expect(lesson.standardOutput.contains("Graded 3 students on 4 exercises"), "\(lesson.standardOutput)")
        let noLesson = try await grade("week1", ["--no-gradebook", "--lesson", "9"])
        #expect(noLesson.status != 0)
        #expect(noLesson.standardError.contains("--lesson 9: no exercise belongs to this lesson"))
        try "name: x\nexercises: [ex-countr]\n".write(to: work.appendingPathComponent("bad.yml"), atomically: true, encoding: .utf8)
        let bad = try await grade("week1", ["--no-gradebook", "--assignment", "bad.yml"])
        #expect(bad.standardError.contains("bad.yml: no exercise has the id ex-countr"), "\(bad.standardError)")
        #expect(bad.standardError.contains("Did you mean ex-counter?"))
    }

    // MARK: Items 8 and 9: refused before any grading

    @Test func anUnwritableOutOrAnEmptyClassIsRefusedBeforeGrading() async throws {
        defer { try? FileManager.default.removeItem(at: work) }
        try makeClass("fall", [("ada", "ada"), ("h-block", "h-block")])
        try Data("not a folder".utf8).write(to: work.appendingPathComponent("blocked"))
        let blocked = try await grade("fall", out: "blocked/reports")
        #expect(blocked.status != 0)
        #expect(blocked.standardError.hasPrefix("Error: cannot create the reports folder \(work.path)/blocked/reports/feedback"), "\(blocked.standardError)")
        // Refused first: no run was recorded (h-block's answer would have taken the full time limit).
        let runs = try await run(["gradebook", "runs"])
        #expect(runs.standardError.contains("holds no grades yet"), "\(runs.standardError)")

        try FileManager.default.createDirectory(at: work.appendingPathComponent("empty"), withIntermediateDirectories: true)
        let empty = try await grade("empty")
        #expect(empty.status != 0)
        #expect(empty.standardError.hasPrefix("Error: \(work.path)/empty holds no student folders: there is no one to grade"), "\(empty.standardError)")
        try makeClass("idle", [("wes", "wes"), ("xan", "wes")])
        let idle = try await grade("idle")
        #expect(idle.status != 0)
        #expect(idle.standardError.contains("no student in idle handed in a file named after an exercise"), "\(idle.standardError)")
        let still = try await run(["gradebook", "runs"])
        #expect(still.standardError.contains("holds no grades yet"))
    }

    // MARK: Item 5: one verdict for an answer that could not be graded

    @Test func anAnswerThatCouldNotBeGradedScoresZeroEverywhere() async throws {
        defer { try? FileManager.default.removeItem(at: work) }
        try makeClass("fall", [("half", "h-lua-half"), ("loop", "h-lua-loop")])
        let result = try await grade("fall", ["--no-gradebook", "--only", "ex-lock"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("Could not be graded (2, zero points):"))
        // Item 6: the check's step is the exercise's line, never a line of the one-line script.
        #expect(result.standardOutput.contains("  half/ex-lock.lua: the script ran past the Lua time budget of 2 s"), "\(result.standardOutput)")
        #expect(!result.standardOutput.contains("ex-lock.lua: line "), "\(result.standardOutput)")
        let feedback = try report("feedback/half.md")
        #expect(feedback.contains("Total: **0 / 9** points"), "\(feedback)")
        #expect(feedback.contains("## ex-lock — A lock in Lua: 0 / 9"))
        #expect(feedback.contains("Every check of this exercise gets zero."))
        #expect(try report("gradebook.csv").contains("\nhalf,0,0,,\n"))
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
        let result = try await run([
            "grade", "fall", "--lessons", course.appendingPathComponent("Lessons").path, "--exercises", course.appendingPathComponent("Exercises").path,
            "--out", "reports", "--time-limit", "2", "--no-gradebook",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("  ben/ex-wait.redis: check `the queue hands out a job`: `BLPOP queue 0` was still waiting when the wall-clock budget of 2 s ran out\n"), "\(result.standardOutput)")
        #expect(result.standardOutput.contains("Stopped in a step of the exercise's own file (check the exercise if every answer stops there):\n  ex-wait line 10: 2 answers of 3\n"), "\(result.standardOutput)")
        let feedback = try report("feedback/ben.md")
        #expect(feedback.contains("`BLPOP queue 0` was still waiting"), "\(feedback)")
        #expect(!feedback.contains("line"), "\(feedback)")
        let results = try #require(try JSONSerialization.jsonObject(with: Data(report("results.json").utf8)) as? [String: Any])
        let ben = try #require((results["students"] as? [[String: Any]])?.first { $0["student"] as? String == "ben" })
        #expect((ben["exercises"] as? [[String: Any]])?.first?["exercise_line"] as? Int == 10)
    }

    // MARK: Item 10: the progress bar's clock keeps running

    @Test func theProgressBarsClockRunsWhileAnAnswerIsSlow() async throws {
        defer { try? FileManager.default.removeItem(at: work) }
        guard let terminal = try TmuxTerminal.start() else { return }
        defer { terminal.stop() }
        try makeClass("slow", [("h-block", "h-block")])
        let command = "cd \(REPLProcess.quote(work.path)) && env REDISLINGS_HOME=home " + [
            binary.path, "grade", "slow", "--lessons", Self.fixtures.appendingPathComponent("Course/Lessons").path,
            "--exercises", Self.fixtures.appendingPathComponent("Course/Exercises").path, "--jobs", "1", "--time-limit", "8", "--no-gradebook",
        ].map(REPLProcess.quote).joined(separator: " ")
        try await terminal.open(command)
        // While h-block's BLPOP waits out its 8 s, no answer finishes: the count stays, the clock moves.
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
                "REDISLINGS_HOME=\(REPLProcess.quote(home)) \(REPLProcess.quote(binary.path)) gradebook runs > \(REPLProcess.quote(work.path))/out-\(round)-\(index) 2>&1 &"
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
        let result = try REPLProcess.run(arguments: ["learn", "channels"], lines: [":lesson"], home: home)
        #expect(result.status == 0, "\(result.errors)")
        #expect(try String(contentsOfFile: home + "/state", encoding: .utf8).contains("lesson: channels"))
        #expect(!FileManager.default.fileExists(atPath: stale))
        #expect(FileManager.default.fileExists(atPath: live))
    }
}
