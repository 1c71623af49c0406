import Foundation
import RedislingsTestSupport
import Testing

/// `redislings grade` on the built binary with classes as instructors really get them: copied
/// folders whose times were reset, git repositories (GitHub Classroom), a hand-in manifest,
/// names in two Unicode forms, and assignments.
@Suite(.serialized) struct GradeClassTests: GradeWorkspaceSuite {
    let space: GradeWorkspace

    init() throws { space = try GradeWorkspace(prefix: "grade-class") }


    // MARK: Item 2: one identity rule for names

    @Test func namesThatDifferOnlyInUnicodeFormAreRefusedNamingBoth() async throws {
        defer { try? FileManager.default.removeItem(at: work) }
        try space.makeClass("twins", [("Jos\u{E9}", "ada"), ("Jose\u{301}", "rex")])
        let twins = try await space.grade("twins")
        #expect(twins.status != 0)
        #expect(twins.standardError.contains(#"the folders "Jos\u{E9}" and "Jose\u{301}""#), "\(twins.standardError)")
        #expect(twins.standardError.contains("name the same student"))
        let runs = try await space.run(["gradebook", "runs"])
        #expect(runs.standardError.contains("holds no grades yet"), "nothing may be recorded for a refused class")

        // Alone, a decomposed name is graded and reported in NFC, the form of every report.
        try space.makeClass("single", [("Zo\u{65}\u{308}", "ada")])
        let single = try await space.grade("single")
        single.expect(status: 0)
        let csv = try space.report("gradebook.csv")
        #expect(space.bytes(csv, contain: "\nZo\u{EB},10,6,9,5,30,,\n"), "\(csv)")
        #expect(!space.bytes(csv, contain: "Zoe\u{308}"))
        #expect(FileManager.default.fileExists(atPath: work.appendingPathComponent("reports/feedback/Zo\u{EB}.md").path))
        // The gradebook keys on the same form, however the name is typed.
        let override = try await space.run(["gradebook", "override", "Zoe\u{308}", "ex-counter", "9", "--comment", "typed decomposed"])
        override.expect(status: 0)
        let export = try await space.run(["gradebook", "export"])
        #expect(space.bytes(export.standardOutput, contain: "\nZo\u{EB},9,6,9,5,29,,ex-counter: set to 9 by hand: typed decomposed\n"), "\(export.standardOutput)")
    }

    @Test func controlCharactersInANameAreWrittenOut() async throws {
        defer { try? FileManager.default.removeItem(at: work) }
        let folder = try space.makeClass("odd", [("eve\u{1B}[2J\u{7}", "ada")])
        // A message quoting a student's line keeps its escape sequence written out too.
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("mal"), withIntermediateDirectories: true)
        try "SET \"x\u{1B}[2J\n".write(to: folder.appendingPathComponent("mal/ex-counter.redis"), atomically: true, encoding: .utf8)
        // So does a stray file's name, in the problems `grade` prints.
        try "PING\n".write(to: folder.appendingPathComponent("mal/ex-\u{1B}]0;owned\u{7}.redis"), atomically: true, encoding: .utf8)
        let result = try await space.grade("odd", ["--no-gradebook"])
        result.expect(status: 0)
        let shown = #"eve\u{1B}[2J\u{7}"#
        let feedback = try space.report("feedback/\(shown).md")
        #expect(feedback.hasPrefix("# Feedback for \(shown)\n"))
        #expect(!feedback.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(!result.standardOutput.contains("\u{1B}"))
        #expect(result.standardOutput.contains(#"mal/ex-\u{1B}]0;owned\u{7}.redis: no exercise has the id ex-\u{1B}]0;owned\u{7}"#), "\(result.standardOutput)")
        #expect(try space.report("gradebook.csv").contains("\n\(shown),10,6,9,5,30,,\n"))
        let mal = try space.report("feedback/mal.md")
        #expect(mal.contains(#"unbalanced quotes in `SET "x\u{1B}[2J`"#), "\(mal)")
        #expect(!mal.contains("\u{1B}"))
    }

    // MARK: Item 3: hand-in times that survive copying

    @Test func copiedFilesAreNotLateByTheirModificationTimes() async throws {
        defer { try? FileManager.default.removeItem(at: work) }
        try space.makeClass("copied", [("ada", "ada"), ("jon", "jon")])
        // Copied today, days after the deadline: without a source of hand-in times nobody is late.
        let result = try await space.grade("copied", ["--deadline", Self.deadline, "--no-gradebook"])
        result.expect(status: 0)
        #expect(result.standardError.contains("warning: no hand-in time for 8 files"), "\(result.standardError)")
        #expect(try space.report("gradebook.csv") == """
            student,ex-counter,ex-publish,ex-lock,ex-stream,total,late,comments
            max points,10,6,9,5,30,,
            ada,10,6,9,5,30,,
            jon,7,2,6,2,17,,

            """)

        // Asked for, file times are used — and the tell-tale of a copy is pointed out.
        let mtime = try await space.grade("copied", ["--deadline", Self.deadline, "--no-gradebook", "--lateness-from", "mtime"])
        mtime.expect(status: 0)
        #expect(mtime.standardError.contains("warning: every one of the 8 files is late by the same amount"), "\(mtime.standardError)")
        let late = try space.report("gradebook.csv")
        #expect(late.contains("\nada,"), "\(late)")
        #expect(!late.contains("\nada,10,6,9,5,30,,\n"), "\(late)")
    }

    @Test func handInTimesComeFromTheManifestThenFromGitCommits() async throws {
        defer { try? FileManager.default.removeItem(at: work) }
        let folder = try space.makeClass("fall", [("ada", "ada"), ("jon", "jon"), ("kim", "kim"), ("quin", "quin")])
        // kim's folder is a repository: counter and publish on time, lock and stream 2 started days late.
        let kim = folder.appendingPathComponent("kim")
        try await space.commit(in: kim, [
            (["ex-counter.redis", "ex-publish.redis"], "2026-12-01T12:00:00Z"),
            (["ex-lock.lua", "ex-stream.redis"], "2026-12-03T10:00:00Z"),
        ])
        try """
            student,exercise,submitted_at
            ada,*,2026-12-01T20:00:00Z
            jon,*,2026-12-01T21:00:00Z
            jon,ex-counter,2026-12-03T08:00:00+01:00

            """.write(to: folder.appendingPathComponent("submitted.csv"), atomically: true, encoding: .utf8)
        let result = try await space.grade("fall", ["--deadline", Self.deadline, "--late-penalty", "10"])
        result.expect(status: 0)
        #expect(result.standardError.contains("Hand-in times: 4 from git commits, 8 from submitted.csv, 4 unknown (not judged late)."), "\(result.standardError)")
        #expect(result.standardError.contains("warning: no hand-in time for 4 files (quin/ex-counter.redis"), "\(result.standardError)")
        // Worked out by hand: jon's counter (raw 7) is 2 days late, -20% → 5.6; kim's lock (6)
        // and stream (3) are 2 days late → 4.8 and 2.4; quin has no time and is not late.
        #expect(try space.report("gradebook.csv") == """
            student,ex-counter,ex-publish,ex-lock,ex-stream,total,late,comments
            max points,10,6,9,5,30,,
            ada,10,6,9,5,30,,
            jon,5.6,2,6,2,15.6,"ex-counter: 2 days late, -20%",
            kim,7,4,4.8,2.4,18.2,"ex-lock: 2 days late, -20%; ex-stream: 2 days late, -20%",
            quin,7,6,9,3,25,,

            """)
        // A manifest line that cannot be read names its line.
        try "student,exercise,submitted_at\nada,*,yesterday\n".write(to: folder.appendingPathComponent("submitted.csv"), atomically: true, encoding: .utf8)
        let broken = try await space.grade("fall", ["--deadline", Self.deadline, "--no-gradebook"])
        #expect(broken.status != 0)
        #expect(broken.standardError.contains("submitted.csv line 2: yesterday is not a time"), "\(broken.standardError)")
    }

    // MARK: Item 13: GitHub Classroom's download layout

    @Test func aGitHubClassroomDownloadIsGradedByLoginWithCommitTimes() async throws {
        defer { try? FileManager.default.removeItem(at: work) }
        let folder = try space.makeClass("week3-submissions", [("week3-ada", "ada"), ("week3-jon", "jon"), ("notes", "wes")])
        try await space.commit(in: folder.appendingPathComponent("week3-ada"), [(["."], "2026-12-01T10:00:00Z")])
        try await space.commit(in: folder.appendingPathComponent("week3-jon"), [
            (["ex-publish.redis", "ex-lock.lua", "ex-stream.redis"], "2026-12-01T10:00:00Z"),
            (["ex-counter.redis"], "2026-12-02T09:00:00Z"),
        ])
        // Without --classroom, the layout is recognised and the option suggested.
        try FileManager.default.moveItem(at: folder.appendingPathComponent("notes"), to: work.appendingPathComponent("notes"))
        let plain = try await space.grade("week3-submissions", ["--no-gradebook"])
        #expect(plain.standardError.contains("warning: every student folder is a git repository named week3-…: if this is a GitHub Classroom download, pass --classroom week3"), "\(plain.standardError)")
        try FileManager.default.moveItem(at: work.appendingPathComponent("notes"), to: folder.appendingPathComponent("notes"))
        let result = try await space.grade("week3-submissions", ["--classroom", "week3", "--deadline", Self.deadline, "--class", "week3"])
        result.expect(status: 0)
        #expect(result.standardOutput.contains("Graded 2 students on 4 exercises (8 submissions)"), "\(result.standardOutput)")
        #expect(result.standardOutput.contains("  notes: not graded: a GitHub Classroom folder of this assignment is named week3-<login>"))
        #expect(try space.report("gradebook.csv") == """
            student,ex-counter,ex-publish,ex-lock,ex-stream,total,late,comments
            max points,10,6,9,5,30,,
            ada,10,6,9,5,30,,
            jon,6.3,2,6,2,16.3,"ex-counter: 1 day late, -10%",

            """)
        // Paths name the folder as it is on disk, so the instructor finds the file.
        let results = try #require(try JSONSerialization.jsonObject(with: Data(space.report("results.json").utf8)) as? [String: Any])
        let jon = try #require((results["students"] as? [[String: Any]])?.first { $0["student"] as? String == "jon" })
        let counter = try #require((jon["exercises"] as? [[String: Any]])?.first { $0["exercise"] as? String == "ex-counter" })
        #expect(counter["file"] as? String == "week3-jon/ex-counter.redis")
        #expect(counter["submitted_at"] as? String == "2026-12-02T09:00:00Z")
        let export = try await space.run(["gradebook", "export", "--format", "canvas", "--assignment-name", "Week 3"])
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
        let week1 = try space.makeClass("week1", [("ned", "ned"), ("ola", "ola"), ("wes", "wes")])
        // ola's counter came in ten hours after the assignment's deadline (below); without a deadline nobody is late.
        try "student,exercise,submitted_at\nola,ex-counter,2026-12-02T10:00:00Z\n".write(
            to: week1.appendingPathComponent("submitted.csv"), atomically: true, encoding: .utf8)
        let result = try await space.grade("week1", ["--no-gradebook"])
        result.expect(status: 0)
        #expect(result.standardOutput.contains("Graded 3 students on 2 exercises (3 submissions)"), "\(result.standardOutput)")
        #expect(result.standardOutput.contains("Missing (3):\n  ned: ex-publish\n  wes: ex-counter, ex-publish\n"), "\(result.standardOutput)")
        #expect(try space.report("gradebook.csv") == """
            student,ex-counter,ex-publish,total,late,comments
            max points,10,6,16,,
            ned,10,0,10,,
            ola,10,6,16,,
            wes,0,0,0,,

            """)
        #expect(try space.report("feedback/ola.md").contains("Total: **16 / 16** points"))

        // An assignment file picks the exercises, what each is worth, the deadline and the late policy.
        try """
            name: Week 1 — counters and locks
            exercises:
              - ex-counter: 20
              - ex-lock
            deadline: 2026-12-01
            late_penalty: 25%

            """.write(to: work.appendingPathComponent("week1.yml"), atomically: true, encoding: .utf8)
        let assigned = try await space.grade("week1", ["--no-gradebook", "--assignment", "week1.yml"])
        assigned.expect(status: 0)
        // Hand-in times are counted on the assignment's files only (ola's ex-publish is not graded).
        #expect(assigned.standardError.contains("Hand-in times: 1 from submitted.csv, 1 unknown (not judged late).\n"), "\(assigned.standardError)")
        // Worked out by hand: ola's counter scores 20 of 20, one started day late at 25% a day → 15.
        #expect(try space.report("gradebook.csv") == """
            student,ex-counter,ex-lock,total,late,comments
            max points,20,9,29,,
            ned,20,0,20,,
            ola,15,0,15,"ex-counter: 1 day late, -25%",
            wes,0,0,0,,

            """)
        let results = try #require(try JSONSerialization.jsonObject(with: Data(space.report("results.json").utf8)) as? [String: Any])
        #expect(results["assignment"] as? String == "Week 1 — counters and locks")
        let ola = try #require((results["students"] as? [[String: Any]])?.first { $0["student"] as? String == "ola" })
        let counter = try #require((ola["exercises"] as? [[String: Any]])?.first)
        #expect((counter["checks"] as? [[String: Any]])?.map { $0["max_points"] as? Double } == [10, 6, 4])
        #expect(results["late_penalty_percent_per_day"] as? Double == 25)
        #expect(results["deadline"] as? String == "2026-12-01T23:59:59Z")

        let lesson = try await space.grade("week1", ["--no-gradebook", "--lesson", "class-messaging"])
        #expect(lesson.standardOutput.contains("Graded 3 students on 4 exercises"), "\(lesson.standardOutput)")
        let noLesson = try await space.grade("week1", ["--no-gradebook", "--lesson", "9"])
        #expect(noLesson.status != 0)
        #expect(noLesson.standardError.contains("--lesson 9: no exercise belongs to this lesson"))
        try "name: x\nexercises: [ex-countr]\n".write(to: work.appendingPathComponent("bad.yml"), atomically: true, encoding: .utf8)
        let bad = try await space.grade("week1", ["--no-gradebook", "--assignment", "bad.yml"])
        #expect(bad.standardError.contains("bad.yml: no exercise has the id ex-countr"), "\(bad.standardError)")
        #expect(bad.standardError.contains("Did you mean ex-counter?"))
    }
}
