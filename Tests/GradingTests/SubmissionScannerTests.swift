import Foundation
import Testing
@testable import Grading

@Suite struct SubmissionScannerTests {
    @Test func findsStudentsAndTheirFilesAndReportsStrays() throws {
        let folder = try TemporaryFolder()
        try folder.write("alice/counter.redis", "INCR counter\n")
        try folder.write("alice/lock.lua", "return 1\n")
        try folder.write("bob/countr.redis", "INCR counter\n")
        try folder.write("bob/notes.txt", "hello")
        try folder.write("bob/.DS_Store", "x")
        try folder.write("carol/old/counter.redis", "INCR counter\n")
        try folder.write("README.md", "class notes")
        let inventory = try SubmissionScanner(exercises: SampleExercises.all).scan(folder.url)
        #expect(inventory.students == ["alice", "bob", "carol"])
        #expect(inventory.files.map(\.relativePath) == ["alice/counter.redis", "alice/lock.lua"])
        #expect(inventory.file(student: "alice", exerciseID: "lock")?.kind == .lua)
        let problems = Dictionary(uniqueKeysWithValues: inventory.problems.map { ($0.file, $0.message) })
        #expect(problems["bob/countr.redis"] == "no exercise has the id countr: did you mean counter?")
        #expect(problems["bob/notes.txt"]?.hasPrefix("not a submission") == true)
        #expect(problems["carol/old"]?.contains("folder inside a student's folder") == true)
        #expect(problems["README.md"]?.contains("put it in <student>/README.md") == true)
        #expect(problems.count == 4)
    }

    @Test func bothKindsForOneExerciseGradeTheExpectedOne() throws {
        let folder = try TemporaryFolder()
        try folder.write("dave/counter.lua", "return 1")
        try folder.write("dave/counter.redis", "INCR counter")
        let inventory = try SubmissionScanner(exercises: SampleExercises.all).scan(folder.url)
        #expect(inventory.files.map(\.relativePath) == ["dave/counter.redis"])
        #expect(inventory.problems == [SubmissionProblem(
            file: "dave/counter.lua", message: "ignored: counter is answered in a .redis file, and dave/counter.redis was graded")])
    }

    @Test func aMissingFolderIsAClearError() throws {
        let error = #expect(throws: GradingError.self) {
            try SubmissionScanner(exercises: SampleExercises.all).scan(URL(fileURLWithPath: "/nonexistent/class"))
        }
        #expect(error?.message == "the submissions folder /nonexistent/class does not exist or is not a folder")
    }

    @Test func theModificationTimeIsKept() throws {
        let folder = try TemporaryFolder()
        let when = Date(timeIntervalSince1970: 1_800_000_000)
        try folder.write("erin/counter.redis", "INCR counter", modified: when)
        let inventory = try SubmissionScanner(exercises: SampleExercises.all).scan(folder.url)
        #expect(inventory.files.first?.modified == when)
    }
}
