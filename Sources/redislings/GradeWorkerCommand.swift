import ArgumentParser
import Exercises
import Foundation
import Grading
import LiveRedis
import RedisBackends
import RESP

/// `redislings grade-worker`: with `--queue`, a worker of a grading queue (see
/// `GradeWorkerCommand+Queue`); without, the process `grade` runs submissions in, one per
/// parallel job, reading requests on standard input and answering on standard output.
struct GradeWorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grade-worker", abstract: "Grade jobs from a grading queue on Redis (`grade --queue`); run one on each machine that helps.",
        discussion: """
            Reads jobs through the queue's consumer group, grades each in an isolated worker process with the run's limits, and \
            records the result. Stop it any time: jobs it held are taken over by other workers after the run's --claim-after.
            """)

    @OptionGroup var course: CourseOptions

    @OptionGroup var queue: QueueWorkerOptions

    @Option(help: ArgumentHelp("The exercises folder (default: $REDISLINGS_EXERCISES, ./Exercises, then the installed ones).", valueName: "dir"))
    var exercises: String?

    @Option(help: ArgumentHelp(
        "With --queue: grade on this live Redis instead of the built-in simulator, job N on the URL's database plus N.",
        valueName: "redis://host:port[/db]"))
    var live: String?

    @Option(help: ArgumentHelp("The parallel job this worker serves: on a live Redis it uses the URL's database plus this.", visibility: .hidden))
    var slot = 0

    @Option(help: .hidden) var timeLimit: Int?

    @Option(help: .hidden) var commandLimit: Int?

    @Option(help: .hidden) var memoryLimit: Int?

    @Option(help: ArgumentHelp("The worker's address space, in MB.", visibility: .hidden))
    var addressSpace: Int?

    @Option(help: "The grader's process id: the worker dies with it.")
    var graderPid: Int32?

    func run() async throws {
        if let graderPid { GradingWorker.dieWithParent(graderPid) }
        // `grade` starts its worker processes with the limits; a queue worker is started without.
        guard let exercises, let timeLimit, let commandLimit, let memoryLimit, let addressSpace else {
            try await serveQueue()
            return
        }
        let catalog = ExerciseCatalog.load(directory: exercises, lessons: try course.loadCatalog())
        var limits = ExerciseLimits.grading
        limits.wallClock = .seconds(timeLimit)
        limits.maxCommands = commandLimit
        limits.memoryBytes = Int64(memoryLimit) << 20
        // Each check may call the script, so a short time limit shortens the script's budget too.
        limits.luaTimeBudget = .seconds(max(1, min(2, timeLimit / 4)))
        var backend: any RedisBackend = SimulatorBackend()
        if let live {
            var url = try RedisURL(parsing: live)
            url.database += slot
            backend = LiveRedisBackend(url: url)
        }
        await GradingWorker.serve(exercises: catalog.exercises, limits: limits, backend: backend, addressSpaceBytes: addressSpace << 20)
    }
}
