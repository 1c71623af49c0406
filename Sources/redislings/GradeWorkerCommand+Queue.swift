import Basics
import Exercises
import Foundation
import Grading
import LessonKit

extension GradeWorkerCommand {
    /// Serves the grading queue until stopped (Ctrl-C or a signal; jobs in hand are left to
    /// other workers).
    func serveQueue() async throws {
        guard let url = try QueueAddress.resolve(queue.url) else {
            throw CommandLineError(
                message: "grade-worker needs the grading queue's Redis",
                help: "Pass --queue redis://host:port/db (as given to `redislings grade --queue`), or set \(QueueAddress.environmentKey).")
        }
        let lessons = try course.loadCatalog()
        let directory: String
        do {
            directory = WorkerProcesses.absolute(try ExerciseLocator.current.locate(explicit: exercises))
        } catch {
            throw CommandLineError(message: error.message, help: "Pass --exercises DIR with the exercises folder the coordinator grades with.")
        }
        let catalog = ExerciseCatalog.load(directory: directory, lessons: lessons)
        let lessonsDirectory = WorkerProcesses.absolute(lessons.directory)
        var backendText = "the built-in simulator"
        if live != nil {
            var backend = BackendOptions()
            backend.liveURL = live
            backend.allowNonempty = queue.allowNonempty
            backendText = "the Redis at " + (try await LiveGradingDatabases.prepare(
                backend: backend, jobs: queue.jobs, exercises: catalog.exercises, timeLimit: nil).label)
        }
        let configuration = QueueWorker.Configuration(
            name: queue.consumerName, jobs: queue.jobs, exercises: catalog.exercises, directory: directory,
            crashOnJob: ProcessInfo.processInfo.environment["REDISLINGS_TEST_CRASH_ON_JOB"])
        let live = self.live
        let worker = QueueWorker(
            configuration: configuration, label: url.description, connect: { () async throws(GradingError) in try await QueueAddress.connect(url) },
            makeGrader: { run in
                WorkerProcesses.grader(
                    lessons: lessonsDirectory, exercises: directory, timeLimit: run.timeLimit, commandLimit: run.commandLimit,
                    memoryLimit: run.memoryLimit, live: live)
            },
            log: { line in FileHandle.standardOutput.write(Data((line + "\n").utf8)) })
        FileHandle.standardOutput.write(Data(
            "grade-worker \(configuration.name): serving the grading queue at \(url) with \(queue.jobs) job\(queue.jobs == 1 ? "" : "s") on \(backendText)\n".utf8))
        do {
            try await worker.run()
        } catch {
            throw error.commandLineError
        }
    }
}
