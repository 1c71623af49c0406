import Foundation
import Testing
@testable import Grading

/// Assignment files: what they select, what each exercise is worth, and mistakes named by field.
@Suite struct AssignmentTests {
    @Test func pointsAreSharedOutOrGivenPerExercise() throws {
        let shared = try Assignment.parse("name: w\nexercises: [counter, lock]\npoints: 30\n", file: "w.yml")
        let selected = try shared.select(from: SampleExercises.all, file: "w.yml")
        // counter is worth 10 of its own and lock 5: 30 shared in proportion is 20 and 10.
        #expect(selected.map(\.maxScore) == [20, 10])
        let given = try Assignment.parse("name: w\nexercises:\n  - lock: 7\n  - counter\n", file: "w.yml")
        #expect(try given.select(from: SampleExercises.all, file: "w.yml").map(\.maxScore) == [7, 10])
    }

    @Test(arguments: [
        ("exercises: [counter]\n", "w.yml: `name` is missing or not text"),
        ("name: w\n", "w.yml: `exercises` must list at least one exercise id"),
        ("name: w\nexercises: [counter, counter]\n", "w.yml: exercises[2]: counter is listed twice"),
        ("name: w\nexercises: [counter]\ndue: 2026-12-01\n", "w.yml: unknown field `due`"),
        ("name: w\nexercises: [counter]\ndeadline: friday\n", "w.yml: `deadline` friday is not a date"),
        ("name: w\nexercises: [counter]\nlate_penalty: 140\n", "w.yml: `late_penalty` 140 is not a percentage from 0 to 100"),
        ("name: w\nexercises:\n  - counter: -1\n", "w.yml: exercises[1]: the points of counter must be a number, 0 or more"),
    ])
    func mistakesNameTheFileAndTheField(text: String, message: String) {
        #expect(throws: GradingError.self) { try Assignment.parse(text, file: "w.yml") }
        do {
            _ = try Assignment.parse(text, file: "w.yml")
        } catch let error as GradingError {
            #expect(error.message == message)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func aTotalThatDisagreesWithTheExercisesIsAnError() throws {
        let assignment = try Assignment.parse("name: w\nexercises:\n  - counter: 12\n  - lock\npoints: 30\n", file: "w.yml")
        #expect(throws: GradingError.self) { try assignment.select(from: SampleExercises.all, file: "w.yml") }
        let bare = try Assignment.parse("name: w\nexercises: [counter]\ndeadline: 2026-12-01\n", file: "w.yml")
        // A bare date is the end of that day, UTC, as for --deadline.
        #expect(bare.deadline == LatePolicy.parseDeadline("2026-12-01"))
    }
}
