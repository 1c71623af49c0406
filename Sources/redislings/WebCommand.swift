import ArgumentParser
import Basics
import Exercises
@preconcurrency import Foundation
@preconcurrency import Glibc
import LessonKit
import RedisBackends
import REPL
import WebApp

/// `redislings web`: the course in the browser, on the same lessons, session logic, checks and
/// progress database as the terminal.
struct WebCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "web",
        abstract: "Serve the course as a local web app: lessons, a live console, exercises, quizzes, the chat capstone.",
        discussion: """
            Open the address it prints in a browser. Each browser gets its own simulator, shared by its tabs \
            (subscribe in one tab, publish in another). Ctrl-C stops it.
            """)

    @OptionGroup var course: CourseOptions

    @OptionGroup var backendOptions: BackendOptions

    @Option(help: "The TCP port to listen on (0 picks a free one).")
    var port: Int = 8080

    @Option(help: "The address to listen on (loopback by default; 0.0.0.0 exposes the course and its Redis to your network).")
    var bind: String = "127.0.0.1"

    @Option(
        name: .customLong("exercises"),
        help: ArgumentHelp("The exercises folder (default: beside --lessons, else the installed ones).", valueName: "dir"))
    var exercisesFolder: String?

    @Option(help: ArgumentHelp("Show the grading run in DIR (the --out folder of `redislings grade`) at /instructor.", valueName: "dir"))
    var gradebook: String?

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535, not \(port).") }
    }

    func run() async throws {
        let catalog = try course.loadCatalog()
        CourseOptions.warnAboutProblems(in: catalog)
        let backend = try await backendOptions.backend { url in url.socketPath ?? "\(url.host):\(url.port)" }
        let exercises = (try? ExerciseOptions.directory(exercises: exercisesFolder, lessons: course.lessons))
            .flatMap { $0 }.map { ExerciseCatalog.load(directory: $0, lessons: catalog) }
        if let gradebook, !FileManager.default.fileExists(atPath: gradebook) {
            throw CommandLineError(message: "the gradebook folder \(gradebook) does not exist.", help: "Pass the --out folder of `redislings grade`.")
        }
        let environment = ProcessInfo.processInfo.environment
        let app = WebApp(configuration: WebAppConfiguration(
            host: bind, port: port, catalog: catalog, exercises: exercises,
            makeBackend: { backend.makesFreshInstances ? SimulatorBackend() : backend },
            makeQuizBackend: { SimulatorBackend() }, commandNames: SimulatorBackend.commandNames,
            makeWorkbench: { reportResult in
                exercises.map { exercises in
                    ExerciseWorkbench(
                        catalog: exercises, hintLog: ProgressHintLog.current(), workspace: .fromEnvironment(environment),
                        recordResult: { exercise, result in
                            ExerciseProgress.record(result, of: exercise, lessons: catalog)
                            reportResult(exercise, result)
                        })
                }
            },
            openProgress: { try LearnerRecord.open(environment: environment) },
            gradebook: gradebook))
        do {
            try await app.run { boundPort in
                print("redislings web: open http://\(bind == "0.0.0.0" ? "127.0.0.1" : bind):\(boundPort)/ in your browser. Ctrl-C stops it.")
                fflush(stdout)
            }
        } catch {
            throw CommandLineError(
                message: "cannot serve on \(bind):\(port) (\(error)).",
                help: "Is something else listening there? Pick another port with --port, e.g. --port 8081.")
        }
    }
}
