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
    @OptionGroup var queue: QueueOptions

    @Argument(help: ArgumentHelp("A folder with one folder per student.", valueName: "submissions-dir"))
    var submissions: String

    func validate() throws {
        try grading.validate()
        try queue.validate(timeLimit: grading.timeLimit)
    }

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
        let className = grading.className ?? root.lastPathComponent
        var results: ClassResults
        let backendLabel: String
        if queue.url != nil {
            (results, backendLabel) = try await gradeThroughQueue(
                inventory, exercises: exercises, directory: catalog.directory, className: className, started: started)
        } else {
            let grader: ProcessGrader
            (grader, backendLabel) = try await makeGrader(exercises: catalog.directory, lessons: catalog.lessons)
            defer { grader.shutDown() }
            let classGrader = ClassGrader(
                exercises: graded, latePolicy: grading.latePolicy,
                scheduler: GradingScheduler(parallelism: grading.jobs, watchdog: grading.watchdog),
                screen: backendLabel == "simulator" ? nil : LiveScriptScreen.refusal)
            let bar = ProgressBar(label: "grading")
            results = await classGrader.grade(inventory, with: grader, now: started) { done, total in bar.update(done: done, total: total) }
            bar.finish()
        }
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
        return (catalog.exercises, WorkerProcesses.absolute(directory), WorkerProcesses.absolute(lessons.directory))
    }

    /// Worker processes (one per job) on the chosen backend, and a label for the backend (a
    /// live URL is shown without its password).
    private func makeGrader(exercises directory: String, lessons: String) async throws -> (ProcessGrader, String) {
        var label = "simulator"
        var liveText: String?
        if let text = backend.liveURLText {
            label = try await LiveGradingDatabases.prepare(backend: backend, jobs: grading.jobs).label
            liveText = text
        }
        let grader = WorkerProcesses.grader(
            lessons: lessons, exercises: directory, timeLimit: grading.timeLimit, commandLimit: grading.commandLimit,
            memoryLimit: grading.memoryLimit, live: liveText)
        return (grader, label)
    }
}
