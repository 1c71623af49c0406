import ArgumentParser
import Basics
import Exercises
import Foundation
import LessonKit
import RESP

/// `redislings exercise check ID`: runs your answer file and grades it (exit 0: passed, 1: not).
struct ExerciseCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check your answer to an exercise (exit status 0 when every check passes, 1 otherwise).",
        discussion: "The answer file is <workspace>/<id>.redis or .lua; the workspace is $REDISLINGS_WORKSPACE, else ./redislings-work.")

    @OptionGroup var options: ExerciseOptions
    @OptionGroup var backend: BackendOptions

    @Argument(help: "The exercise: its id, or LESSON.N (e.g. 14.1).")
    var exercise: String

    @Option(name: .customLong("file"), help: ArgumentHelp("The answer file to check instead of the workspace's.", valueName: "file"))
    var file: String?

    @Flag(help: "Print the result as JSON.")
    var json = false

    func run() async throws {
        let (found, _, lessons) = try options.exercise(exercise)
        let path = file ?? Workspace.file(for: found)
        let result = try await Self.check(found, path: path, backend: try await backend.backend())
        ExerciseProgress.record(result, of: found, lessons: lessons)
        print(json ? try ExerciseReport.json(result) : ExerciseReport.render(
            result, exercise: found, file: path,
            colored: Terminal.useColors(plain: false, environment: ProcessInfo.processInfo.environment)), terminator: json ? "\n" : "")
        if result.status != .passed { throw ExitCode(1) }
    }

    /// Reads the answer file and runs it; a missing or unreadable file is a command-line error.
    static func check(_ exercise: Exercise, path: String, backend: any RedisBackend) async throws -> ExerciseResult {
        guard FileManager.default.fileExists(atPath: path) else {
            throw CommandLineError(
                message: "No answer file at \(path).",
                help: "Run `redislings exercise show \(exercise.id)` to create it, or pass --file FILE.")
        }
        let submission: ExerciseSubmission
        do {
            submission = try ExerciseSubmission(fileURL: URL(fileURLWithPath: path))
        } catch {
            throw CommandLineError(message: error.message, help: "Answer files are plain UTF-8 text.")
        }
        return await ExerciseRunner(backend: backend).run(exercise, submission: submission, limits: .learner)
    }
}
