import ArgumentParser
import Basics
import Exercises
import Foundation
import LessonKit

/// `redislings watch ID`: checks the answer file now and again on every save, until Ctrl-C.
struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Check an exercise every time you save its answer file (Ctrl-C stops).")

    @OptionGroup var options: ExerciseOptions
    @OptionGroup var backend: BackendOptions

    @Argument(help: "The exercise: its id, or LESSON.N (e.g. 14.1).")
    var exercise: String

    @Option(name: .customLong("file"), help: ArgumentHelp("The answer file to watch instead of the workspace's.", valueName: "file"))
    var file: String?

    @Option(help: ArgumentHelp("How often to look at the file, in milliseconds.", visibility: .hidden))
    var interval = 300

    func run() async throws {
        let (found, _, lessons) = try options.exercise(exercise)
        if file == nil { try Workspace.createFile(for: found) }
        let path = file ?? Workspace.file(for: found)
        let runner = try await backend.backend()
        let environment = ProcessInfo.processInfo.environment
        let colored = Terminal.useColors(plain: false, environment: environment)
        // On a terminal each check replaces the last on screen, as a watcher's report should.
        let redraw = Terminal.standardOutputIsTerminal
        print("Watching \(path); save it to check again, Ctrl-C to stop.")
        var lastSeen: Date?
        while true {
            let modified = (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate]) as? Date
            if modified != lastSeen, modified != nil {
                lastSeen = modified
                let stamp = ISO8601DateFormatter.string(from: Date(), timeZone: .current, formatOptions: [.withTime, .withColonSeparatorInTime])
                if redraw { print("\u{1B}[H\u{1B}[2JWatching \(path); save it to check again, Ctrl-C to stop.") }
                print("\n[\(stamp)] checking…")
                do {
                    let result = try await ExerciseCheckCommand.check(found, path: path, backend: runner)
                    ExerciseProgress.record(result, of: found, lessons: lessons)
                    print(ExerciseReport.render(result, exercise: found, file: path, colored: colored), terminator: "")
                    if result.status == .passed { print("All checks pass. Keep watching, or Ctrl-C to stop.") }
                } catch let error as CommandLineError {
                    print("Error: \(error.message)")
                }
                fflush(nil)
            }
            try await Task.sleep(for: .milliseconds(max(50, interval)))
        }
    }
}
