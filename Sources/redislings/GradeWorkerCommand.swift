import ArgumentParser
import Exercises
import Foundation
import Grading
import LiveRedis
import RedisBackends
import RESP

/// `redislings grade-worker` (hidden): the process `grade` runs submissions in, one per
/// parallel job; it reads requests on standard input and answers on standard output.
struct GradeWorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grade-worker", abstract: "Run submissions for `redislings grade` (used internally).", shouldDisplay: false)

    @OptionGroup var course: CourseOptions

    @Option var exercises: String

    @Option var live: String?

    @Option(help: "The parallel job this worker serves: on a live Redis it uses the URL's database plus this.")
    var slot = 0

    @Option var timeLimit: Int

    @Option var commandLimit: Int

    @Option var memoryLimit: Int

    @Option(help: "The worker's address space, in MB.")
    var addressSpace: Int

    @Option(help: "The grader's process id: the worker dies with it.")
    var graderPid: Int32?

    func run() async throws {
        if let graderPid { GradingWorker.dieWithParent(graderPid) }
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
