import ArgumentParser
import Exercises
import Foundation
import Grading
import LessonKit

/// `redislings grade SUBMISSIONS_DIR`: grades a class's submissions, writes the reports and
/// records the run in the gradebook.
struct GradeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grade",
        abstract: "Grade a class: SUBMISSIONS_DIR/<student>/<exercise-id>.redis or .lua, each on a fresh Redis.",
        discussion: """
            Writes results.json, gradebook.csv, junit.xml and feedback/<student>.md to --out, and records
            the run in the gradebook (see `redislings gradebook`).
            """)

    @OptionGroup var course: CourseOptions
    @OptionGroup var backend: BackendOptions
    @OptionGroup var grading: GradeOptions

    @Argument(help: ArgumentHelp("A folder with one folder per student.", valueName: "submissions-dir"))
    var submissions: String

    func validate() throws { try grading.validate() }

    func run() async throws {
        let started = Date()
        let catalog = try loadCatalog()
        let exercises = try selectExercises(from: catalog.exercises)
        let graded = exercises.map(GradedExercise.init)
        let root = URL(fileURLWithPath: submissions).standardizedFileURL
        let inventory: SubmissionInventory
        do {
            // Files are matched against every exercise of the catalog, so a file for an exercise
            // left out by --only is not reported as a stray.
            inventory = try SubmissionScanner(exercises: catalog.exercises.map(GradedExercise.init)).scan(root)
        } catch let error as GradingError {
            throw error.commandLineError
        }
        let (grader, backendLabel, live) = try await makeGrader(exercises: catalog.directory, lessons: catalog.lessons, graded: exercises)
        defer { grader.shutDown() }
        let classGrader = ClassGrader(
            exercises: graded, latePolicy: grading.latePolicy,
            scheduler: GradingScheduler(parallelism: grading.jobs, watchdog: grading.watchdog))
        let bar = ProgressBar(label: "grading")
        var results = await classGrader.grade(inventory, with: grader, now: started) { done, total in bar.update(done: done, total: total) }
        bar.finish()
        if let warning = await live?.settle() { FileHandle.standardError.write(Data((warning + "\n").utf8)) }
        let className = grading.className ?? root.lastPathComponent
        var runID: Int64?
        var store: GradebookStore?
        if !grading.noGradebook {
            do {
                let opened = try GradebookStore.openDefault()
                let run = try opened.record(results, run: GradingRun(
                    className: className, startedAt: started, submissions: root.path, exercises: graded.map(\.id),
                    deadline: grading.latePolicy.deadline, latePenaltyPercentPerDay: grading.latePolicy.percentPerDay,
                    backend: backendLabel))
                results = results.applying(try opened.overrides(className: className))
                runID = run.id
                store = opened
            } catch let error as GradingError {
                throw error.commandLineError
            }
        }
        let out = URL(fileURLWithPath: grading.out)
        do {
            try ReportWriter(directory: out).write(results, exercises: graded)
        } catch let error as GradingError {
            throw error.commandLineError
        }
        print(GradeSummary(
            results: results, elapsed: Date().timeIntervalSince(started), jobs: grading.jobs, backend: backendLabel,
            out: grading.out, className: className, runID: runID, gradebook: store?.url.path).text)
    }

    /// The exercises of this run: every exercise of the catalog, or those named by --only.
    private func selectExercises(from all: [Exercise]) throws -> [Exercise] {
        guard !grading.only.isEmpty else { return all }
        return try grading.only.map { id in
            guard let exercise = all.first(where: { $0.id == id }) else {
                let close = all.map(\.id).filter { $0.contains(id) || id.contains($0) }
                throw CommandLineError(
                    message: "--only \(id): no exercise has this id",
                    help: close.isEmpty ? "Exercise ids: \(all.map(\.id).joined(separator: ", "))." : "Did you mean \(close.joined(separator: ", "))?")
            }
            return exercise
        }
    }

    /// The whole exercise catalog, and the folders of the exercises and lessons it came from.
    private func loadCatalog() throws -> (exercises: [Exercise], directory: String, lessons: String) {
        let lessons = try course.loadCatalog()
        let directory: String
        do {
            directory = try ExerciseLocator.current.locate(explicit: grading.exercises)
        } catch {
            throw CommandLineError(message: error.message, help: "Pass --exercises DIR with the exercises folder (lesson-slug/NN-name.md files).")
        }
        let catalog = ExerciseCatalog.load(directory: directory, lessons: lessons)
        if !catalog.problems.isEmpty {
            let count = catalog.problems.count == 1 ? "1 problem" : "\(catalog.problems.count) problems"
            FileHandle.standardError.write(Data("warning: \(count) in the exercises at \(directory); exercises with problems are not graded (run `redislings dev check`)\n".utf8))
        }
        guard !catalog.exercises.isEmpty else {
            throw CommandLineError(message: "no exercises could be loaded from \(directory)", help: "Pass --exercises DIR with the exercises folder, and --lessons DIR with its lessons.")
        }
        return (catalog.exercises, Self.absolute(directory), Self.absolute(lessons.directory))
    }

    /// Worker processes (one per job) on the chosen backend, and a label for the backend (a
    /// live URL is shown without its password).
    private func makeGrader(exercises directory: String, lessons: String, graded: [Exercise]) async throws -> (ProcessGrader, String, LiveGradingDatabases?) {
        var label = "simulator"
        var liveText: String?
        var databases: LiveGradingDatabases?
        if let text = backend.liveURLText {
            let prepared = try await LiveGradingDatabases.prepare(backend: backend, jobs: grading.jobs, exercises: graded, timeLimit: grading.timeLimit)
            label = prepared.label
            databases = prepared
            liveText = text
        }
        let executable = Self.executablePath()
        let grading = self.grading
        let live = liveText
        let grader = ProcessGrader(wallClock: .seconds(grading.timeLimit), memoryBudgetText: "\(grading.memoryLimit) MB") { slot in
            var command = [
                executable, "grade-worker", "--lessons", lessons, "--exercises", directory,
                "--time-limit", String(grading.timeLimit), "--command-limit", String(grading.commandLimit),
                "--memory-limit", String(grading.memoryLimit), "--address-space", String(grading.workerAddressSpace),
                "--grader-pid", String(getpid()),
            ]
            if let live { command += ["--live", live, "--slot", String(slot)] }
            return command
        }
        return (grader, label, databases)
    }

    private static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// This program's own path, to start workers from.
    private static func executablePath() -> String {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return resolved }
        return Bundle.main.executablePath ?? CommandLine.arguments[0]
    }
}
