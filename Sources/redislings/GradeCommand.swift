import ArgumentParser
import Basics
import CourseProgress
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
            Grades the exercises someone handed in, or those of --assignment FILE, --lesson N or --only ID.
            Writes results.json, gradebook.csv, junit.xml, summary.md, canvas.csv, moodle.csv and feedback/<student>.md to --out, and records the run in the gradebook (see `redislings gradebook`).
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
        let root = URL(fileURLWithPath: submissions).standardizedFileURL
        let out = ReportWriter(directory: URL(fileURLWithPath: grading.out))
        var inventory: SubmissionInventory
        let handIn: HandInTimes.Report
        let assignment: Assignment?
        let graded: [GradedExercise]
        do {
            // Files are matched against every exercise of the catalog, so a file for an exercise
            // left out of this run is not reported as a stray.
            let all = catalog.exercises.map(GradedExercise.init)
            inventory = try SubmissionScanner(exercises: all, classroomAssignment: grading.classroom).scan(root)
            guard !inventory.students.isEmpty else {
                throw GradingError(
                    "\(root.path) holds no student folders: there is no one to grade",
                    help: grading.classroom.map { "Pass the folder that holds the repositories, named \($0)-<login>." }
                        ?? "Pass the folder that holds one folder per student (<student>/<exercise-id>.redis or .lua).")
            }
            if grading.classroom == nil, let guess = ClassroomLayout.guessedAssignment(inventory) {
                Self.warn("every student folder is a git repository named \(guess)-…: if this is a GitHub Classroom download, pass --classroom \(guess) to grade each as its login")
            }
            assignment = try grading.assignment.map { try Assignment.load(URL(fileURLWithPath: $0)) }
            graded = try selectExercises(from: catalog.exercises, all: all, assignment: assignment, inventory: inventory)
            handIn = try HandInTimes.assign(&inventory, root: root, source: grading.latenessFrom, graded: Set(graded.map(\.id)))
            // Before any grading: a report folder that cannot be written would waste the run.
            try out.checkWritable()
        } catch let error as GradingError {
            throw error.commandLineError
        }
        let latePolicy = grading.latePolicy(assignment: assignment)
        for warning in handIn.warnings { Self.warn(warning) }
        if latePolicy.deadline != nil {
            if let summary = handIn.summary { FileHandle.standardError.write(Data((summary + "\n").utf8)) }
            if !handIn.unknown.isEmpty, grading.latenessFrom != .mtime {
                let some = handIn.unknown.prefix(3).joined(separator: ", ") + (handIn.unknown.count > 3 ? ", …" : "")
                Self.warn("""
                    no hand-in time for \(handIn.unknown.count) file\(handIn.unknown.count == 1 ? "" : "s") (\(some)): they are not judged late. \
                    Add a submitted.csv (student,exercise,time), grade the students' git repositories, or pass --lateness-from mtime to trust file times.
                    """)
            }
        }
        let className = grading.className ?? root.lastPathComponent
        var classGrader = ClassGrader(
            exercises: graded, latePolicy: latePolicy,
            scheduler: GradingScheduler(parallelism: grading.jobs, watchdog: grading.watchdog))
        // The name an LMS export gives the grade column: the assignment's, else the class's.
        classGrader.assignment = assignment?.name ?? grading.lesson.map { "lesson \($0)" } ?? className
        var results: ClassResults
        let backendLabel: String
        let chosen = graded.compactMap { exercise in catalog.exercises.first { $0.id == exercise.id } }
        if queue.url != nil {
            (results, backendLabel) = try await gradeThroughQueue(
                inventory, classGrader: classGrader, exercises: chosen, directory: catalog.directory, className: className, started: started)
        } else {
            let grader: ProcessGrader
            let live: LiveGradingDatabases?
            (grader, backendLabel, live) = try await makeGrader(exercises: catalog.directory, lessons: catalog.lessons, graded: chosen)
            defer { grader.shutDown() }
            let bar = ProgressBar(label: "grading")
            results = await classGrader.grade(inventory, with: grader, now: started) { done, total in bar.update(done: done, total: total) }
            bar.finish()
            // The server answers again, and no user or key a killed worker left stays behind.
            if let warning = await live?.settle() { FileHandle.standardError.write(Data((warning + "\n").utf8)) }
        }
        if let warning = HandInTimes.uniformLatenessWarning(results) { Self.warn(warning) }
        var runID: Int64?
        var store: GradebookStore?
        if !grading.noGradebook {
            do {
                let opened = try GradebookStore.openDefault()
                let run = try opened.record(results, run: GradingRun(
                    className: className, startedAt: started, submissions: root.path, exercises: graded.map(\.id),
                    deadline: latePolicy.deadline, latePenaltyPercentPerDay: latePolicy.percentPerDay,
                    backend: backendLabel))
                results = results.applying(try opened.overrides(className: className))
                runID = run.id
                store = opened
            } catch let error as GradingError {
                throw error.commandLineError
            }
        }
        do {
            try out.write(results, exercises: graded)
        } catch let error as GradingError {
            throw error.commandLineError
        }
        print(GradeSummary(
            results: results, elapsed: Date().timeIntervalSince(started), jobs: grading.jobs, backend: backendLabel,
            out: grading.out, className: className, runID: runID, gradebook: store?.url.path).text)
        // Reports are written either way; a script grading a class must still learn that some
        // answers were never judged, through no fault of their students.
        let unjudged = results.infrastructureErrors
        if !unjudged.isEmpty {
            let only = Set(unjudged.map(\.grade.exercise)).sorted().map { "--only \($0)" }.joined(separator: " ")
            FileHandle.standardError.write(Data("""
                error: \(count(unjudged.count, "submission")) \(unjudged.count == 1 ? "was" : "were") not graded because of an infrastructure error, not the students' (listed above, zero points for now); \
                fix the cause and grade again with \(only)

                """.utf8))
            throw ExitCode(Self.infrastructureExitCode)
        }
    }

    /// `grade`'s exit status when it finished but some answers could not be judged for reasons
    /// that are not their students' (1 is an error before or instead of grading).
    static let infrastructureExitCode: Int32 = 3

    private static func warn(_ text: String) {
        FileHandle.standardError.write(Data("warning: \(text)\n".utf8))
    }

    /// The exercises of this run: the assignment's, the lesson's, those named by --only, or by
    /// default every exercise someone handed a file in for (in course order).
    private func selectExercises(
        from exercises: [Exercise], all: [GradedExercise], assignment: Assignment?, inventory: SubmissionInventory
    ) throws -> [GradedExercise] {
        if let assignment, let file = grading.assignment { return try assignment.select(from: all, file: file) }
        if let lesson = grading.lesson {
            let chosen = exercises.filter { $0.lesson == lesson || Int(lesson) == $0.lessonNumber }
            guard !chosen.isEmpty else {
                let lessons = Set(exercises.map { "\($0.lessonNumber) (\($0.lesson))" }).sorted()
                throw GradingError("--lesson \(lesson): no exercise belongs to this lesson", help: "Lessons with exercises: \(lessons.joined(separator: ", ")).")
            }
            return chosen.map(GradedExercise.init)
        }
        if !grading.only.isEmpty {
            return try grading.only.map { id in
                guard let exercise = all.first(where: { $0.id == id }) else {
                    let close = all.map(\.id).filter { $0.contains(id) || id.contains($0) }
                    throw GradingError(
                        "--only \(id): no exercise has this id",
                        help: close.isEmpty ? "Exercise ids: \(all.map(\.id).joined(separator: ", "))." : "Did you mean \(close.joined(separator: ", "))?")
                }
                return exercise
            }
        }
        let handedIn = Set(inventory.files.map(\.exerciseID))
        let chosen = all.filter { handedIn.contains($0.id) }
        guard !chosen.isEmpty else {
            let count = inventory.students.count
            throw GradingError(
                "no student in \(submissions) handed in a file named after an exercise (\(count) student folder\(count == 1 ? "" : "s"), none with an answer)",
                help: "Each answer is <student>/<exercise-id>.redis or .lua; to grade everyone as missing on set exercises, pass --assignment FILE or --lesson N.")
        }
        return chosen
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
            let count = Basics.count(catalog.problems.count, "problem")
            FileHandle.standardError.write(Data("warning: \(count) in the exercises at \(directory); exercises with problems are not graded (run `redislings dev check`)\n".utf8))
        }
        guard !catalog.exercises.isEmpty else {
            throw CommandLineError(message: "no exercises could be loaded from \(directory)", help: "Pass --exercises DIR with the exercises folder, and --lessons DIR with its lessons.")
        }
        return (catalog.exercises, WorkerProcesses.absolute(directory), WorkerProcesses.absolute(lessons.directory))
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
        let grader = WorkerProcesses.grader(
            lessons: lessons, exercises: directory, timeLimit: grading.timeLimit, commandLimit: grading.commandLimit,
            memoryLimit: grading.memoryLimit, live: liveText)
        return (grader, label, databases)
    }
}
