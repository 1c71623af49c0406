import Exercises
import Foundation
import LessonKit
import RedislingsTestSupport
@testable import Grading

/// The sample class in `Fixtures/Class`, copied to a temporary folder with its files' times set
/// from `Fixtures/late.txt` (git keeps no modification times).
struct SampleClass {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let deadline = LatePolicy.parseDeadline("2026-12-01T23:59:00Z")!
    static let lessons = fixtures.appendingPathComponent("Course/Lessons").path
    static let exercisesDirectory = fixtures.appendingPathComponent("Course/Exercises").path

    let folder: TemporaryFolder
    var root: URL { folder.url.appendingPathComponent("Class") }

    init() throws {
        folder = try TemporaryFolder()
        try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent("Class"), to: folder.url.appendingPathComponent("Class"))
        var late: [String: Int] = [:]
        for line in try String(contentsOf: Self.fixtures.appendingPathComponent("late.txt"), encoding: .utf8).split(separator: "\n")
        where !line.hasPrefix("#") {
            let parts = line.split(separator: " ")
            late[String(parts[0])] = Int(parts[1])
        }
        let enumerator = FileManager.default.enumerator(atPath: root.path)!
        while let path = enumerator.nextObject() as? String {
            let url = root.appendingPathComponent(path)
            let values = try url.resourceValues(forKeys: [.isRegularFileKey, .isSymbolicLinkKey])
            guard values.isRegularFile == true, values.isSymbolicLink != true else { continue }
            // On time: an hour early. Late by N started days: half a day into the Nth day.
            let offset = late[path].map { (Double($0) - 0.5) * 86_400 } ?? -3_600
            try FileManager.default.setAttributes([.modificationDate: Self.deadline.addingTimeInterval(offset)], ofItemAtPath: url.path)
        }
    }

    /// The fixture exercises, as the runner and as grading see them.
    static func exercises() throws -> [Exercise] {
        let catalog = ExerciseCatalog.load(directory: exercisesDirectory, lessons: try LessonCatalog.load(directory: lessons))
        guard catalog.problems.isEmpty else { throw TestServerError("the fixture exercises have problems: \(catalog.problems)") }
        return catalog.exercises
    }

    /// Worker processes of the built `redislings`, as `redislings grade` starts them.
    static func grader(binary: RedislingsBinary, timeLimit: Int = 8, live: String? = nil) -> ProcessGrader {
        // At the lowest priority: the runaway answers burn CPU that the other suites' timing-
        // sensitive tests, running beside this one, need more.
        let nice = findExecutable("nice").map { [$0, "-n", "19"] } ?? []
        return ProcessGrader(wallClock: .seconds(timeLimit), memoryBudgetText: "64 MB") { slot in
            var command = nice + [
                binary.path, "grade-worker", "--lessons", lessons, "--exercises", exercisesDirectory,
                "--time-limit", String(timeLimit), "--command-limit", "5000", "--memory-limit", "64", "--address-space", "2048",
            ]
            if let live { command += ["--live", live, "--slot", String(slot)] }
            return command
        }
    }

    /// Grades the whole class with a 10%-a-day penalty.
    func grade(binary: RedislingsBinary, jobs: Int = 2) async throws -> ClassResults {
        let exercises = try Self.exercises().map(GradedExercise.init)
        var inventory = try SubmissionScanner(exercises: exercises).scan(root)
        // The times come from late.txt, set on the files: trust them, as `--lateness-from mtime` does.
        _ = try HandInTimes.assign(&inventory, root: root, source: .mtime)
        // A short time limit: the hostile answers that run to it keep the machine busy while the
        // rest of the test suite runs beside them.
        let grader = Self.grader(binary: binary, timeLimit: 4)
        defer { grader.shutDown() }
        let classGrader = ClassGrader(
            exercises: exercises, latePolicy: LatePolicy(deadline: Self.deadline, percentPerDay: 10),
            scheduler: GradingScheduler(parallelism: jobs, watchdog: .seconds(30)))
        return await classGrader.grade(inventory, with: grader, now: Self.deadline.addingTimeInterval(30 * 86_400))
    }
}
