import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Grading

@Suite struct ReportTests {
    private func results() async throws -> ClassResults {
        let folder = try ClassGraderTests.classFolder()
        return try await ClassGraderTests.grade(folder)
    }

    @Test func resultsJSONHasOneShapeForEveryCell() async throws {
        let results = try await results()
        let data = try ResultsJSON.encode(results)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["schema"] as? String == "redislings-grading/1")
        let students = try #require(object["students"] as? [[String: Any]])
        let cells = students.flatMap { ($0["exercises"] as? [[String: Any]]) ?? [] }
        #expect(cells.count == 10)
        let keys = Set(cells[0].keys)
        #expect(keys == [
            "student", "exercise", "status", "score", "max_score", "raw_score", "days_late", "late_penalty_percent",
            "submitted_at", "file", "error", "exercise_line", "checks", "override",
        ])
        #expect(cells.allSatisfy { Set($0.keys) == keys })
        let checks = cells.flatMap { ($0["checks"] as? [[String: Any]]) ?? [] }
        #expect(checks.allSatisfy { Set($0.keys) == ["name", "status", "message", "points", "max_points", "hidden"] })
        #expect(try ResultsJSON.decode(data) == results)
    }

    @Test func gradebookCSVHasARowPerStudentAndATotal() async throws {
        #expect(GradebookCSV.render(try await results()) == """
            student,counter,lock,total,late,comments
            max points,10,5,15,,
            ann,10,5,15,,
            ben,3.2,0,3.2,"counter: 2 days late, -20%",
            cy,0,0,0,,
            dee,0,0,0,,
            eve,0,0,0,,

            """)
    }

    @Test func csvFieldsAreQuotedAndFormulasDefused() {
        #expect(GradebookCSV.field("plain") == "plain")
        #expect(GradebookCSV.field("a,b") == "\"a,b\"")
        #expect(GradebookCSV.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(GradebookCSV.field("=HYPERLINK(1)") == "'=HYPERLINK(1)")
    }

    @Test func junitHasACasePerStudentAndCheckAndHidesHiddenChecks() async throws {
        let xml = JUnitXML.render(try await results())
        #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"redislings grading\" tests=\"15\" failures=\"6\" errors=\"5\">"))
        #expect(xml.components(separatedBy: "<testcase ").count - 1 == 15)
        #expect(xml.contains("<testcase classname=\"ben.counter\" name=\"counter is 3\">\n      <failure message=\"counter is 3 is not so\" type=\"failed\"/>"))
        #expect(xml.contains("<testcase classname=\"ann.counter\" name=\"hidden check 2\">"))
        #expect(!xml.contains("no extra keys"))
        #expect(xml.contains("<error message=\"FLUSHALL is not allowed\" type=\"error\"/>"))
        #expect(xml.contains("<testcase classname=\"eve.lock\" name=\"takes the lock\">\n      <failure message=\"no submission\" type=\"missing\"/>"))
        // It parses as XML.
        let parser = XMLParser(data: Data(xml.utf8))
        #expect(parser.parse())
    }

    @Test func junitEscapesWhatAStudentCanInfluence() {
        #expect(JUnitXML.escape("a<b>&\"c\"\u{1B}[31m") == "a&lt;b&gt;&amp;&quot;c&quot;\u{FFFD}[31m")
    }

    @Test func feedbackExplainsFailuresGivesHintsAndHidesTheAnswer() async throws {
        let results = try await results()
        let ben = try #require(results.student("ben"))
        let text = FeedbackMarkdown.render(ben, results: results, exercises: SampleExercises.all)
        #expect(text.hasPrefix("# Feedback for ben\n\nTotal: **3.2 / 15** points (graded 2026-12-08T23:59:00Z, deadline 2026-12-01T23:59:00Z).\n"))
        #expect(text.contains("## counter — Count to three: 3.2 / 10\n\nHanded in 2 days late: 20% off the 4 points the checks gave.\n"))
        #expect(text.contains("- ❌ counter is 3 (0/6): counter is 3 is not so\n"))
        #expect(text.contains("- ✅ hidden check 2 (4/4)\n"))
        #expect(text.contains("Hints:\n- Start from nothing.\n- INCR adds one.\n"))
        #expect(!text.contains("INCR counter three times"))
        #expect(text.contains("## lock — A lock in Lua: 0 / 5\n\nNot handed in: no file `lock.lua` was found in your folder.\n"))
        let cy = try #require(results.student("cy"))
        #expect(FeedbackMarkdown.render(cy, results: results, exercises: SampleExercises.all)
            .contains("Your submission could not be graded: FLUSHALL is not allowed.\n"))
    }

    @Test func feedbackShowsAnOverrideAndItsReason() async throws {
        let results = try await results()
            .applying([GradeKey(student: "cy", exercise: "counter"): GradeOverride(score: 7, comment: "the FLUSHALL was commented out", createdAt: Date())])
        let cy = try #require(results.student("cy"))
        #expect(cy.score == 7)
        let text = FeedbackMarkdown.render(cy, results: results, exercises: SampleExercises.all)
        #expect(text.contains("## counter — Count to three: 7 / 10\n\nYour instructor set this grade to 7: the FLUSHALL was commented out\n"))
    }

    @Test func theWriterPutsEveryReportInTheFolder() async throws {
        let results = try await results()
        let out = try TemporaryFolder()
        let written = try ReportWriter(directory: out.url.appendingPathComponent("reports")).write(results, exercises: SampleExercises.all)
        #expect(written.map(\.lastPathComponent) == ["results.json", "gradebook.csv", "junit.xml", "summary.md", "report.html", "canvas.csv", "moodle.csv", "ann.md", "ben.md", "cy.md", "dee.md", "eve.md"])
        #expect(FileManager.default.fileExists(atPath: out.url.appendingPathComponent("reports/feedback/eve.md").path))
    }
}
