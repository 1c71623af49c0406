import Foundation
import Testing
@testable import CourseProgress

@Suite struct GradebookRecordTests {
    private func run(_ exercises: [String]) -> GradingRun {
        GradingRun(
            className: "fall", startedAt: monday, submissions: "/class", exercises: exercises, deadline: nil,
            latePenaltyPercentPerDay: 0, backend: "simulator")
    }

    private func grade(_ student: String, _ exercise: String, _ score: Double, of maxScore: Double) -> RecordedGrade {
        RecordedGrade(student: student, exercise: exercise, status: "passed", score: score, maxScore: maxScore, detail: "{\"score\":\(score)}")
    }

    @Test func theLatestGradeOfEachCellWinsAndExercisesKeepTheirFirstOrder() throws {
        let database = TemporaryDatabase()
        let store = try ProgressStore(path: database.path)
        let first = try store.recordGradingRun(run(["lock", "counter"]), grades: [grade("ann", "lock", 5, of: 5), grade("ann", "counter", 2, of: 10)])
        #expect(first.id == 1 && first.graded == 2)
        let second = try store.recordGradingRun(run(["counter", "streams"]), grades: [grade("ann", "counter", 9, of: 10), grade("ben", "streams", 1, of: 3)])
        #expect(second.id == 2)

        let book = try store.gradebook(className: "fall")
        #expect(book.exercises == ["lock", "counter", "streams"])
        #expect(Set(book.latest.map { "\($0.student)/\($0.exercise)=\($0.score)" }) == ["ann/lock=5.0", "ann/counter=9.0", "ben/streams=1.0"])
        #expect(try store.gradingRuns(className: "fall").map(\.exercises) == [["lock", "counter"], ["counter", "streams"]])
        #expect(try store.gradingRuns(className: "spring").isEmpty)
        #expect(try store.gradedClasses() == ["fall"])
    }

    @Test func anOverrideNeedsAGradedCellAndAScoreWithinItsPoints() throws {
        let database = TemporaryDatabase()
        let store = try ProgressStore(path: database.path)
        _ = try store.recordGradingRun(run(["lock"]), grades: [grade("ann", "lock", 1, of: 5)])
        func override(_ student: String, _ score: Double) -> RecordedOverride {
            RecordedOverride(student: student, exercise: "lock", score: score, comment: "checked by hand", createdAt: monday)
        }
        #expect(try store.setGradeOverride(className: "fall", override("zed", 1)) == .ungraded)
        #expect(try store.setGradeOverride(className: "spring", override("ann", 1)) == .ungraded)
        #expect(try store.setGradeOverride(className: "fall", override("ann", 6)) == .outOfRange(maxScore: 5))
        #expect(try store.setGradeOverride(className: "fall", override("ann", -1)) == .outOfRange(maxScore: 5))
        #expect(try store.setGradeOverride(className: "fall", override("ann", .nan)) == .outOfRange(maxScore: 5))
        #expect(try store.gradeOverrides(className: "fall").isEmpty)

        #expect(try store.setGradeOverride(className: "fall", override("ann", 4)) == .saved)
        #expect(try store.gradeOverrides(className: "fall") == [override("ann", 4)])
        #expect(try store.gradebook(className: "fall").overrides == [override("ann", 4)])
        #expect(try store.removeGradeOverride(className: "fall", student: "ann", exercise: "lock"))
        #expect(try !store.removeGradeOverride(className: "fall", student: "ann", exercise: "lock"))
        #expect(try store.gradeOverrides(className: "fall").isEmpty)
    }
}
