import Foundation
import RedislingsTestSupport
import Testing

/// `redislings grade` and `redislings gradebook` on the built binary, with a few students of
/// the sample class in Tests/GradingTests/Fixtures.
@Suite(.serialized) struct GradeCommandTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("GradingTests/Fixtures")

    let work: URL
    let binary: RedislingsBinary

    init() throws {
        binary = try RedislingsBinary.built()
        work = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("grade-e2e-\(UUID().uuidString)")
        let classFolder = work.appendingPathComponent("fall")
        try FileManager.default.createDirectory(at: classFolder, withIntermediateDirectories: true)
        for student in ["ada", "jon", "h-flushall", "wes", "quin"] {
            try FileManager.default.copyItem(
                at: Self.fixtures.appendingPathComponent("Class/\(student)"), to: classFolder.appendingPathComponent(student))
        }
        // Everything on time except jon's counter, two days late.
        let deadline = Date(timeIntervalSince1970: 1_796_169_540)
        let files = FileManager.default.enumerator(atPath: classFolder.path)!.compactMap { $0 as? String }
        for file in files where file.contains(".") {
            let offset: TimeInterval = file == "jon/ex-counter.redis" ? 1.5 * 86_400 : -60
            try FileManager.default.setAttributes([.modificationDate: deadline.addingTimeInterval(offset)], ofItemAtPath: classFolder.appendingPathComponent(file).path)
        }
    }

    private func run(_ arguments: [String]) async throws -> RedislingsBinary.Output {
        try await binary.runOffThePool(
            arguments, in: work.path,
            environment: ["REDISLINGS_HOME": work.appendingPathComponent("home").path])
    }

    private func grade(_ extra: [String] = []) async throws -> RedislingsBinary.Output {
        try await run([
            "grade", "fall", "--lessons", Self.fixtures.appendingPathComponent("Course/Lessons").path,
            "--exercises", Self.fixtures.appendingPathComponent("Course/Exercises").path, "--out", "reports",
            "--deadline", "2026-12-01T23:59:00Z", "--late-penalty", "10", "--time-limit", "8", "--lateness-from", "mtime",
        ] + extra)
    }

    @Test func gradesWritesReportsAndKeepsAGradebookWithOverrides() async throws {
        defer { try? FileManager.default.removeItem(at: work) }
        let first = try await grade()
        first.expect(status: 0)
        #expect(first.standardOutput.hasPrefix("Graded 5 students on 4 exercises (16 submissions) on the built-in simulator in "))
        #expect(first.standardOutput.contains("  h-flushall/ex-counter.redis: line 5: FLUSHALL is not allowed in an exercise"))
        #expect(first.standardOutput.contains("  wes: ex-counter, ex-publish, ex-lock, ex-stream\n"))
        #expect(first.standardOutput.contains("  quin/notes.txt: not a submission"))
        #expect(first.standardOutput.contains("Gradebook: run #1 of class 'fall' recorded in "))
        let reports = work.appendingPathComponent("reports")
        #expect(try String(contentsOf: reports.appendingPathComponent("gradebook.csv"), encoding: .utf8) == """
            student,ex-counter,ex-publish,ex-lock,ex-stream,total,late,comments
            max points,10,6,9,5,30,,
            ada,10,6,9,5,30,,
            h-flushall,0,6,9,5,20,,
            jon,5.6,2,6,2,15.6,"ex-counter: 2 days late, -20%",
            quin,7,6,9,3,25,,
            wes,0,0,0,0,0,,

            """)
        // The LMS layouts (item 11): each student's total under the class's name.
        #expect(try String(contentsOf: reports.appendingPathComponent("canvas.csv"), encoding: .utf8) == """
            Student,ID,SIS User ID,SIS Login ID,Section,fall
            Points Possible,,,,,30
            ada,,,ada,,30
            h-flushall,,,h-flushall,,20
            jon,,,jon,,15.6
            quin,,,quin,,25
            wes,,,wes,,0

            """)
        #expect(try String(contentsOf: reports.appendingPathComponent("moodle.csv"), encoding: .utf8) == """
            Username,fall,Feedback
            ada,30,
            h-flushall,20,
            jon,15.6,"ex-counter: 2 days late, -20%"
            quin,25,
            wes,0,

            """)
        // The class summary (item 12), worked out by hand: ex-counter scored 10 (ada), 0
        // (h-flushall's refused answer, wes's missing one), 7 (quin) and 5.6 (jon, late).
        let results = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: reports.appendingPathComponent("results.json"))) as? [String: Any])
        let summary = try #require((results["summary"] as? [String: Any])?["exercises"] as? [[String: Any]])
        let counter = try #require(summary.first { $0["id"] as? String == "ex-counter" })
        #expect(counter["submitted"] as? Int == 4)
        #expect(counter["missing"] as? Int == 1)
        #expect(counter["errors"] as? Int == 1)
        #expect(counter["passed"] as? Int == 1)
        #expect(counter["mean"] as? Double == 4.52)
        #expect(counter["median"] as? Double == 5.6)
        let distribution = (counter["distribution"] as? [[String: Any]])?.map { "\($0["score"]!)x\($0["students"]!)" }
        #expect(distribution == ["0x2", "5.6x1", "7x1", "10x1"])
        let checks = try #require(counter["checks"] as? [[String: Any]])
        #expect(checks.count == 3)
        #expect(checks.allSatisfy { $0["submitted"] as? Int == 4 })
        let markdown = try String(contentsOf: reports.appendingPathComponent("summary.md"), encoding: .utf8)
        #expect(markdown.contains("## ex-counter — "))
        #expect(markdown.contains("Handed in by 4, missing 1; every check passed: 1; could not be graded: 1.\nMean 4.52, median 5.6."))
        #expect(markdown.contains("| 5.6 | 1 |"))
        for name in ["results.json", "junit.xml", "feedback/ada.md", "feedback/wes.md"] {
            #expect(FileManager.default.fileExists(atPath: reports.appendingPathComponent(name).path), "\(name)")
        }
        let jonFeedback = try String(contentsOf: reports.appendingPathComponent("feedback/jon.md"), encoding: .utf8)
        #expect(jonFeedback.contains("Handed in 2 days late: 20% off the 7 points the checks gave."))

        let override = try await run(["gradebook", "override", "jon", "ex-publish", "6", "--comment", "the payload typo was mine"])
        override.expect(status: 0)

        // Re-grading one exercise (after fixing it) keeps the override and the other grades.
        let second = try await grade(["--only", "ex-publish"])
        second.expect(status: 0)
        #expect(second.standardOutput.contains("Gradebook: run #2 of class 'fall'"))
        // One exercise is counted in the singular ("on 1 exercises" was issue 15's).
        #expect(second.standardOutput.contains(" on 1 exercise ("), "\(second.standardOutput)")
        let export = try await run(["gradebook", "export"])
        export.expect(status: 0)
        #expect(export.standardOutput == """
            student,ex-counter,ex-publish,ex-lock,ex-stream,total,late,comments
            max points,10,6,9,5,30,,
            ada,10,6,9,5,30,,
            h-flushall,0,6,9,5,20,,
            jon,5.6,6,6,2,19.6,"ex-counter: 2 days late, -20%",ex-publish: set to 6 by hand: the payload typo was mine
            quin,7,6,9,3,25,,
            wes,0,0,0,0,0,,

            """)
        let moodle = try await run(["gradebook", "export", "--format", "moodle"])
        #expect(moodle.standardOutput.contains("\njon,19.6,\"ex-counter: 2 days late, -20%; ex-publish: set to 6 by hand: the payload typo was mine\"\n"), "\(moodle.standardOutput)")
        let json = try await run(["gradebook", "export", "--format", "json", "--class", "fall"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        let students = try #require(object["students"] as? [[String: Any]])
        let jon = try #require(students.first { $0["student"] as? String == "jon" })
        let publish = try #require((jon["exercises"] as? [[String: Any]])?.first { $0["exercise"] as? String == "ex-publish" })
        #expect((publish["override"] as? [String: Any])?["comment"] as? String == "the payload typo was mine")
        #expect(publish["raw_score"] as? Double == 2)

        let runs = try await run(["gradebook", "runs"])
        #expect(runs.standardOutput.contains("#1 "))
        #expect(runs.standardOutput.contains("#2 "))
        #expect(runs.standardOutput.contains(": ex-publish\n"))
    }

    @Test func badInputIsAClearError() async throws {
        defer { try? FileManager.default.removeItem(at: work) }
        let missing = try await run(["grade", "nowhere", "--lessons", Self.fixtures.appendingPathComponent("Course/Lessons").path,
                               "--exercises", Self.fixtures.appendingPathComponent("Course/Exercises").path])
        #expect(missing.status != 0)
        #expect(missing.standardError.hasPrefix("Error: the submissions folder \(work.path)/nowhere does not exist or is not a folder\nHelp: "))
        let deadline = try await grade(["--deadline", "next friday"])
        #expect(deadline.status != 0)
        #expect(deadline.standardError.contains("--deadline next friday is not a date"))
        let unknown = try await grade(["--only", "ex-countr"])
        #expect(unknown.standardError.hasPrefix("Error: --only ex-countr: no exercise has this id"))
        let nothing = try await run(["gradebook", "export"])
        #expect(nothing.status != 0)
        #expect(nothing.standardError.contains("holds no grades yet"))
    }
}
