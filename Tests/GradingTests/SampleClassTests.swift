import Foundation
import RedislingsTestSupport
import Testing
@testable import Grading

/// The sample class graded end to end by the real runner, in worker processes of the built
/// binary: every student's score, and each hostile submission's own failure.
@Suite(.serialized) struct SampleClassTests {
    static let binary = RedislingsBinary.locate()

    /// Grades the class once for every test in the suite (it takes a few seconds).
    static let results: Task<ClassResults, any Error> = Task {
        guard let binary else { throw TestServerError("build the redislings product first (swift build --build-tests builds it)") }
        // One job: the class's runaway answers keep a core busy, and the rest of the suite runs beside it.
        return try await SampleClass.make().grade(binary: binary, jobs: 1)
    }

    @Test func theClassGradesToTheExpectedScores() async throws {
        let results = try await Self.results.value
        let expected = try String(contentsOf: SampleClass.fixtures.appendingPathComponent("expected-gradebook.csv"), encoding: .utf8)
        let actual = GradebookCSV.render(results)
        // Line by line, so a difference names the student.
        for (got, want) in zip(actual.split(separator: "\n"), expected.split(separator: "\n")) { #expect(got == want) }
        #expect(actual == expected)
        #expect(results.students.count == 42)
    }

    /// Each hostile submission fails on its own, with an error that says what it did; the
    /// student's other exercises are graded as if it were not there (their scores are in the
    /// expected gradebook).
    @Test(arguments: [
        ("h-lua-loop", "ex-lock", "the script ran past the Lua time budget of 1 s"),
        // Its first check passed before the loop: still zero, as the reports say of every error.
        ("h-lua-half", "ex-lock", "the script ran past the Lua time budget of 1 s"),
        ("h-lua-alloc", "ex-lock", ""),
        ("h-redis-alloc", "ex-counter", ""),
        ("h-flushall", "ex-counter", "line 5: FLUSHALL is not allowed in an exercise"),
        ("h-shutdown", "ex-publish", "line 1: SHUTDOWN is not allowed in an exercise"),
        ("h-debug", "ex-stream", "line 1: DEBUG is not allowed in an exercise"),
        ("h-config", "ex-counter", "line 1: CONFIG SET is not allowed in an exercise"),
        ("h-select", "ex-counter", "line 1: SELECT is not allowed in an exercise"),
        ("h-lua-flushall", "ex-lock", "line 1: FLUSHALL is not allowed in an exercise"),
        ("h-lua-sneaky", "ex-lock", "the script sent FLUSHALL"),
        ("h-binary", "ex-stream", "h-binary/ex-stream.redis is not a text file (a NUL byte at offset 8)"),
        ("h-commands", "ex-counter", "line 5001: more than 5000 commands"),
        ("h-output", "ex-stream", "the replies passed 1 MB"),
        ("h-block", "ex-publish", "`BLPOP nothing 0` waits for ever (timeout 0)"),
        ("h-huge", "ex-counter", "h-huge/ex-counter.redis is 300057 bytes; a submission may be at most 262144 bytes"),
        ("h-link", "ex-stream", "h-link/ex-stream.redis is a symbolic link"),
    ])
    func aHostileSubmissionFailsAlone(student: String, exercise: String, error: String) async throws {
        let results = try await Self.results.value
        let grades = try #require(results.student(student))
        let broken = try #require(grades.grade(for: exercise))
        #expect(broken.status == .error)
        #expect(broken.score == 0)
        #expect(broken.checks.allSatisfy { $0.points == 0 })
        let message = try #require(broken.error)
        // A .lua answer's checks are the exercise's steps: no line of the exercise's own file
        // may be given as if it were a line of the student's one-line script.
        if student.hasPrefix("h-lua-loop") || student.hasPrefix("h-lua-half") { #expect(!message.contains("line "), "\(message)") }
        if error.isEmpty {
            // Runaway allocation ends in whichever budget it meets first: the memory budget (an
            // OOM reply, Lua out of memory in the worker's address space) or, when the machine
            // is busy or the build slow, the script's time budget or the runner's wall clock.
            let budgets = ["memory", "time limit", "time budget", "wall-clock budget"]
            #expect(budgets.contains { message.contains($0) }, "\(message)")
        } else if student == "h-output" {
            // Its 2 MB reply meets the reply budget, or on a starved machine the wall clock first.
            #expect(message.contains(error) || message.contains("wall-clock budget"), "\(message)")
        } else {
            #expect(message.contains(error), "\(message)")
        }
        for other in grades.exercises where other.exercise != exercise {
            #expect(other.status == .passed, "\(student)/\(other.exercise): \(other.error ?? "")")
        }
    }

    @Test func missingLateAndStrayFilesAreReported() async throws {
        let results = try await Self.results.value
        #expect(results.missing.filter { $0.student == "wes" }.count == 4)
        #expect(results.missing.map { "\($0.student)/\($0.exercise)" }.filter { $0.hasPrefix("ned/") } == ["ned/ex-publish", "ned/ex-lock", "ned/ex-stream"])
        let hal = try #require(results.student("hal")?.grade(for: "ex-publish"))
        #expect(hal.daysLate == 1)
        #expect(hal.rawScore == 6)
        #expect(hal.score == 5.4)
        // kim's lock came in a commit two started days after the deadline; her folder's copy is
        // recent, but the commit time decides.
        let kim = try #require(results.student("kim")?.grade(for: "ex-lock"))
        #expect(kim.daysLate == 2)
        #expect(kim.submittedAt == LatePolicy.parseTimestamp("2026-12-03T10:00:00Z"))
        #expect(results.student("kim")?.grade(for: "ex-counter")?.daysLate == 0)
        // Everyone else has no hand-in time: a copy made today does not make them late.
        #expect(results.student("ada")?.exercises.allSatisfy { $0.daysLate == 0 && $0.submittedAt == nil } == true)
        let ivy = try #require(results.student("ivy")?.grade(for: "ex-stream"))
        #expect(ivy.daysLate == 12)
        #expect(ivy.latePenaltyPercent == 100)
        #expect(results.problems.map(\.file) == ["quin/ex-countr.redis", "quin/notes.txt"])
    }

    /// One identity rule (item 2): a folder named in NFD and a manifest line in NFC are one
    /// student, named in NFC everywhere; her file keeps its name as it is on disk.
    @Test func aDecomposedFolderNameIsOneStudentInComposedForm() async throws {
        let results = try await Self.results.value
        #expect(results.students.filter { $0.student.unicodeScalars.elementsEqual(SampleClass.zoe.unicodeScalars) }.count == 1)
        #expect(!results.students.contains { $0.student.unicodeScalars.elementsEqual(SampleClass.zoeFolder.unicodeScalars) })
        let lock = try #require(results.students.first { $0.student.unicodeScalars.elementsEqual(SampleClass.zoe.unicodeScalars) }?.grade(for: "ex-lock"))
        #expect(lock.daysLate == 1)
        #expect(lock.score == 8.1)
        #expect(lock.file?.unicodeScalars.elementsEqual("\(SampleClass.zoeFolder)/ex-lock.lua".unicodeScalars) == true, "\(lock.file ?? "")")
    }

    @Test func hiddenChecksCountButStayHiddenFromStudents() async throws {
        let results = try await Self.results.value
        let max = try #require(results.student("max"))
        // max left a scratch key: the hidden check failed and took its 2 points.
        let counter = try #require(max.grade(for: "ex-counter"))
        #expect(counter.checks.map(\.points) == [5, 3, 0])
        #expect(counter.checks[2].hidden)
        let feedback = FeedbackMarkdown.render(max, results: results, exercises: try SampleClass.exercises().map(GradedExercise.init))
        #expect(feedback.contains("- ❌ hidden check 3 (0/2)\n"))
        #expect(!feedback.contains("only the counter is left"))
        #expect(!feedback.contains("a key you used along the way"))
        // Hints stop before the answer tier.
        #expect(feedback.contains("INCR adds one; EXPIRE sets a time to live."))
        #expect(!feedback.contains("INCR counter (three times)"))
        #expect(!feedback.contains("redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', 30000)"))
    }
}
