import CourseProgress
import Foundation
import Testing
@testable import Grading

@Suite struct GradebookStoreTests {
    private func run(_ results: ClassResults, exercises: [String] = ["counter", "lock"]) -> GradingRun {
        GradingRun(
            className: "fall", startedAt: results.gradedAt, submissions: "/class", exercises: exercises, deadline: results.deadline,
            latePenaltyPercentPerDay: 10, backend: "simulator")
    }

    @Test func recordsRunsAndKeepsOverridesThroughRegrading() async throws {
        let folder = try TemporaryFolder()
        let store = try GradebookStore(url: folder.url.appendingPathComponent("home/progress.sqlite"))
        let results = try await ClassGraderTests.grade(try ClassGraderTests.classFolder())
        let first = try store.record(results, run: run(results))
        #expect(first.id == 1)
        #expect(first.graded == 10)

        try store.setOverride(className: "fall", key: GradeKey(student: "cy", exercise: "counter"), score: 8, comment: "FLUSHALL was in a comment line")
        var book = try store.gradebook(className: "fall")
        #expect(book.exercises == ["counter", "lock"])
        #expect(book.students.map(\.score) == [15, 3.2, 8, 0, 0])
        #expect(book.students[2].grade(for: "counter")?.override?.comment == "FLUSHALL was in a comment line")

        // Re-grading one exercise records a new run for it alone; the override stays.
        var regraded = results
        regraded.students = results.students.map { student in
            StudentResult(student: student.student, exercises: student.exercises.filter { $0.exercise == "counter" }.map { grade in
                var copy = grade
                if copy.student == "ben" { copy.score = 9; copy.rawScore = 10 }
                return copy
            })
        }
        let second = try store.record(regraded, run: run(regraded, exercises: ["counter"]))
        #expect(second.id == 2)
        book = try store.gradebook(className: "fall")
        #expect(book.students.map(\.score) == [15, 9, 8, 0, 0])
        #expect(book.csv == """
            student,counter,lock,total,late,comments
            max points,10,5,15,,
            ann,10,5,15,,
            ben,9,0,9,"counter: 2 days late, -20%",
            cy,8,0,8,,counter: set to 8 by hand: FLUSHALL was in a comment line
            dee,0,0,0,,
            eve,0,0,0,,

            """)
        #expect(try store.runs(className: "fall").map(\.exercises) == [["counter", "lock"], ["counter"]])
        #expect(try store.classes() == ["fall"])

        #expect(try store.removeOverride(className: "fall", key: GradeKey(student: "cy", exercise: "counter")))
        #expect(try store.gradebook(className: "fall").students[2].score == 0)
    }

    @Test func overridesAreChecked() async throws {
        let folder = try TemporaryFolder()
        let store = try GradebookStore(url: folder.url.appendingPathComponent("progress.sqlite"))
        let results = try await ClassGraderTests.grade(try ClassGraderTests.classFolder())
        try store.record(results, run: run(results))
        let unknown = #expect(throws: GradingError.self) {
            try store.setOverride(className: "fall", key: GradeKey(student: "zed", exercise: "counter"), score: 1, comment: "x")
        }
        #expect(unknown?.message == "zed has no grade for counter in class fall")
        let tooMany = #expect(throws: GradingError.self) {
            try store.setOverride(className: "fall", key: GradeKey(student: "ann", exercise: "lock"), score: 6, comment: "x")
        }
        #expect(tooMany?.message == "6 is not a score for lock, which is worth 5 points")
        let silent = #expect(throws: GradingError.self) {
            try store.setOverride(className: "fall", key: GradeKey(student: "ann", exercise: "lock"), score: 4, comment: "  ")
        }
        #expect(silent?.message == "an override needs a comment saying why")
    }

    @Test func aFileThatIsNotADatabaseIsRefusedAndLeftAlone() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("progress.sqlite", "this is not SQLite, it is a note")
        let error = #expect(throws: GradingError.self) { try GradebookStore(url: file) }
        #expect(error?.message.contains("not a readable progress database") == true)
        #expect(try String(contentsOf: file, encoding: .utf8) == "this is not SQLite, it is a note")
    }
}
