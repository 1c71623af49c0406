import Foundation
import Testing
@testable import Grading

@Suite struct ClassGraderTests {
    static let deadline = LatePolicy.parseDeadline("2026-12-01T23:59:00Z")!

    /// A small class: on time, late, failing, erroring, binary, wrong kind, missing.
    static func classFolder() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        let onTime = deadline.addingTimeInterval(-600)
        try folder.write("ann/counter.redis", "pass", modified: onTime)
        try folder.write("ann/lock.lua", "pass", modified: onTime)
        try folder.write("ben/counter.redis", "fail 1", modified: deadline.addingTimeInterval(2 * 86_400 - 60))
        try folder.write("cy/counter.redis", "error FLUSHALL is not allowed", modified: onTime)
        try folder.write("cy/lock.lua", data: Data([0x00, 0x01, 0x02]), modified: onTime)
        try folder.write("dee/counter.lua", "pass", modified: onTime)
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("eve"), withIntermediateDirectories: true)
        return folder
    }

    static func grade(_ folder: TemporaryFolder) async throws -> ClassResults {
        var inventory = try SubmissionScanner(exercises: SampleExercises.all).scan(folder.url)
        // The files' times are set by the test: trust them, as `--lateness-from mtime` does.
        _ = try HandInTimes.assign(&inventory, root: folder.url, source: .mtime)
        let grader = ClassGrader(
            exercises: SampleExercises.all, latePolicy: LatePolicy(deadline: deadline, percentPerDay: 10),
            scheduler: GradingScheduler(parallelism: 2, watchdog: .seconds(10)))
        return await grader.grade(inventory, with: ScriptedGrader(), now: deadline.addingTimeInterval(7 * 86_400))
    }

    /// Only answers the infrastructure kept from being judged are listed as its errors: a
    /// student's own refused command, a binary file, a missing answer are grades.
    @Test func infrastructureErrorsAreToldApartFromTheStudents() async throws {
        let folder = try Self.classFolder()
        try folder.write("eve/counter.redis", "error \(InfrastructureError.text("the grading worker failed to start", exercise: "counter"))")
        let results = try await Self.grade(folder)
        #expect(results.infrastructureErrors.map { "\($0.student)/\($0.grade.exercise)" } == ["eve/counter"])
        #expect(results.student("eve")?.grade(for: "counter")?.score == 0)
        #expect(results.student("cy")?.grade(for: "counter")?.status == .error)
    }

    @Test func everyStudentGetsEveryExerciseWithLatenessApplied() async throws {
        let folder = try Self.classFolder()
        let results = try await Self.grade(folder)
        #expect(results.students.map(\.student) == ["ann", "ben", "cy", "dee", "eve"])
        #expect(results.students.map(\.score) == [15, 3.2, 0, 0, 0])
        #expect(results.students.allSatisfy { $0.maxScore == 15 })

        let ben = try #require(results.student("ben")?.grade(for: "counter"))
        #expect(ben.status == .failed)
        #expect(ben.rawScore == 4)
        #expect(ben.daysLate == 2)
        #expect(ben.latePenaltyPercent == 20)
        #expect(ben.score == 3.2)

        let cy = try #require(results.student("cy"))
        #expect(cy.grade(for: "counter")?.status == .error)
        #expect(cy.grade(for: "counter")?.error == "FLUSHALL is not allowed")
        #expect(cy.grade(for: "lock")?.error == "cy/lock.lua is not a text file (a NUL byte at offset 0); hand in plain UTF-8 text")
        #expect(cy.grade(for: "lock")?.checks.map(\.status) == [.error])

        let dee = try #require(results.student("dee")?.grade(for: "counter"))
        #expect(dee.status == .error)
        #expect(dee.error == "dee/counter.lua is a .lua file, but counter is answered in a .redis file")

        #expect(results.missing == [
            .init(student: "ben", exercise: "lock"), .init(student: "dee", exercise: "lock"),
            .init(student: "eve", exercise: "counter"), .init(student: "eve", exercise: "lock"),
        ])
    }
}
