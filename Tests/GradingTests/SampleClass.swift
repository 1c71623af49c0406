import Exercises
import Foundation
import LessonKit
import RedislingsTestSupport
@testable import Grading

/// The sample class in `Fixtures/Class`, copied to a temporary folder. Hand-in times come as
/// they do in a real class: from the folder's `submitted.csv` (hal and ivy are late), and for
/// kim, whose folder is made a git repository here, from the commits (two files two days late).
/// Every other file has no hand-in time and is not late, however recent the copy. zoë's folder,
/// added here, is named in decomposed form (NFD, as macOS archives write it) while the manifest
/// names her composed (NFC): one student, reported in NFC, her lock one day late.
struct SampleClass {
    /// zoë as her folder is named (NFD) and as every report names her (NFC).
    static let zoeFolder = "zo\u{65}\u{308}", zoe = "zo\u{EB}"

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let deadline = LatePolicy.parseDeadline("2026-12-01T23:59:00Z")!
    static let lessons = fixtures.appendingPathComponent("Course/Lessons").path
    static let exercisesDirectory = fixtures.appendingPathComponent("Course/Exercises").path

    let folder: TemporaryFolder
    var root: URL { folder.url.appendingPathComponent("Class") }

    private init(folder: TemporaryFolder) { self.folder = folder }

    /// A fresh copy, kim's folder committed: counter and publish on time, lock and stream on
    /// 3 December, two started days late.
    static func make() async throws -> SampleClass {
        let sample = SampleClass(folder: try TemporaryFolder())
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent("Class"), to: sample.root)
        try FileManager.default.copyItem(at: sample.root.appendingPathComponent("ada"), to: sample.root.appendingPathComponent(zoeFolder))
        let manifest = try FileHandle(forWritingTo: sample.root.appendingPathComponent("submitted.csv"))
        try manifest.seekToEnd()
        try manifest.write(contentsOf: Data("# zoë (NFC here, NFD on disk) handed her lock in half a day late.\n\(zoe),ex-lock,2026-12-02T12:00:00Z\n".utf8))
        try manifest.close()
        let kim = sample.root.appendingPathComponent("kim").path
        let commit = { (files: String, time: String) in
            "git add \(files) && GIT_AUTHOR_DATE=\(time) GIT_COMMITTER_DATE=\(time) git commit -q -m work"
        }
        let script = [
            "set -e", "cd '\(kim)'", "git init -q", "git config user.email kim@example.com", "git config user.name kim",
            commit("ex-counter.redis ex-publish.redis", "2026-12-01T12:00:00Z"), commit("ex-lock.lua ex-stream.redis", "2026-12-03T10:00:00Z"),
        ].joined(separator: "\n")
        let result = try await runShellOffThePool(script)
        guard result.status == 0 else { throw TestServerError("cannot make kim's folder a git repository: \(result.output)") }
        return sample
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
        _ = try HandInTimes.assign(&inventory, root: root, source: .auto)
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
