import ArgumentParser
import Exercises
import Foundation
import Grading

/// The options of `redislings grade` other than the backend and the course.
struct GradeOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The exercises folder (default: $REDISLINGS_EXERCISES, ./Exercises, then the installed ones).", valueName: "dir"))
    var exercises: String?

    @Option(help: ArgumentHelp("Where the reports go.", valueName: "dir"))
    var out = "grades"

    @Option(help: "Submissions graded at once (default: the number of cores).")
    var jobs = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: ArgumentHelp("Files handed in after this are late (ISO 8601: 2026-12-01T23:59:00Z, or a date for the end of that day UTC).", valueName: "time"))
    var deadline: String?

    @Option(help: ArgumentHelp("Percent of the points taken per started day late, down to zero (default 10).", valueName: "percent"))
    var latePenalty: String?

    @Option(help: ArgumentHelp("Where hand-in times come from: auto (submitted.csv, else each student's git commits), git, manifest, or mtime (file modification times, which copying resets).", valueName: "source"))
    var latenessFrom: HandInSource = .auto

    @Option(name: .customLong("only"), help: ArgumentHelp("Grade only this exercise (repeat for several), e.g. to re-grade one after fixing it.", valueName: "id"))
    var only: [String] = []

    @Option(help: ArgumentHelp("An assignment file (YAML: name, exercises, points, deadline, late_penalty): grade its exercises.", valueName: "file"))
    var assignment: String?

    @Option(help: ArgumentHelp("Grade the exercises of this lesson (its number or slug).", valueName: "lesson"))
    var lesson: String?

    @Option(help: ArgumentHelp("A GitHub Classroom download: folders are <assignment>-<login>, and the student is the login.", valueName: "assignment"))
    var classroom: String?

    @Option(name: .customLong("class"), help: ArgumentHelp("The class's name in the gradebook (default: the submissions folder's name).", valueName: "name"))
    var className: String?

    @Flag(help: "Do not record the run in the gradebook.")
    var noGradebook = false

    @Option(help: ArgumentHelp("Seconds one submission may run.", valueName: "seconds"))
    var timeLimit = 20

    @Option(help: "Commands one .redis submission may send.")
    var commandLimit = 5_000

    @Option(help: ArgumentHelp("The simulator's memory for one submission, in MB.", valueName: "MB"))
    var memoryLimit = 64

    func validate() throws {
        guard (1...64).contains(jobs) else { throw ValidationError("--jobs must be between 1 and 64.") }
        guard (1...600).contains(timeLimit) else { throw ValidationError("--time-limit must be between 1 and 600 seconds.") }
        guard commandLimit >= 1 else { throw ValidationError("--command-limit must be at least 1.") }
        guard (1...4096).contains(memoryLimit) else { throw ValidationError("--memory-limit must be between 1 and 4096 MB.") }
        if [assignment != nil, lesson != nil, !only.isEmpty].filter({ $0 }).count > 1 {
            throw ValidationError("Choose the exercises one way: --assignment, --lesson or --only.")
        }
        if let classroom, classroom.isEmpty || classroom.contains("/") {
            throw ValidationError("--classroom takes the assignment's name as it starts each repository folder (the part before -<login>).")
        }
        if let deadline, LatePolicy.parseDeadline(deadline) == nil {
            throw ValidationError("--deadline \(deadline) is not a date: write it like 2026-12-01T23:59:00Z (or 2026-12-01 for the end of that day, UTC).")
        }
        if let latePenalty, LatePolicy.parsePercent(latePenalty) == nil {
            throw ValidationError("--late-penalty \(latePenalty) is not a percentage from 0 to 100 (e.g. 10 or 12.5%).")
        }
    }

    /// The deadline and penalty (validated already): the command line's, else the assignment's.
    func latePolicy(assignment: Assignment? = nil) -> LatePolicy {
        let percent = latePenalty.flatMap(LatePolicy.parsePercent) ?? assignment?.latePenaltyPercent ?? 10
        return LatePolicy(deadline: deadline.flatMap(LatePolicy.parseDeadline) ?? assignment?.deadline, percentPerDay: percent)
    }

    /// The runner's budgets for one submission.
    var limits: ExerciseLimits {
        var limits = ExerciseLimits.grading
        limits.wallClock = .seconds(timeLimit)
        limits.maxCommands = commandLimit
        limits.memoryBytes = Int64(memoryLimit) << 20
        return limits
    }

    /// The address space a worker may use, in MB: the simulator's budget several times over
    /// (a value is copied as it grows), plus what the Swift runtime reserves.
    var workerAddressSpace: Int { Self.workerAddressSpace(memoryLimit: memoryLimit) }

    /// The worker address space, in MB, for a simulator budget of `memoryLimit` MB.
    static func workerAddressSpace(memoryLimit: Int) -> Int { 1_536 + memoryLimit * 8 }

    /// How long the scheduler waits before abandoning a submission the runner did not stop.
    var watchdog: Duration { .seconds(timeLimit) + .seconds(10) }
}

extension HandInSource: ExpressibleByArgument {}
