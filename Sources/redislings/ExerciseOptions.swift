import ArgumentParser
import Exercises
import Foundation
import LessonKit

/// `--lessons DIR` and `--exercises DIR`, and loading the exercises they name.
struct ExerciseOptions: ParsableArguments {
    @OptionGroup var course: CourseOptions

    @Option(
        name: .customLong("exercises"),
        help: ArgumentHelp(
            "The exercises folder (default: $REDISLINGS_EXERCISES, ./Exercises, then the installed exercises).",
            valueName: "dir"))
    var exercises: String?

    /// The lessons and the exercises; a missing folder is an error that says where it looked.
    func load() throws -> (lessons: LessonCatalog, exercises: ExerciseCatalog) {
        let lessons = try course.loadCatalog()
        let directory: String
        do {
            directory = try ExerciseLocator.current.locate(explicit: exercises)
        } catch {
            throw CommandLineError(
                message: "\(error.message.prefix(1).uppercased())\(error.message.dropFirst()).",
                help: "Pass --exercises DIR with the folder of exercise files, or set REDISLINGS_EXERCISES.")
        }
        return (lessons, ExerciseCatalog.load(directory: directory, lessons: lessons))
    }

    /// The exercise named by `query` (id or LESSON.N), or an error listing close names.
    func exercise(_ query: String) throws -> (Exercise, ExerciseCatalog) {
        let (_, catalog) = try load()
        guard let found = catalog.exercise(matching: query) else {
            var help = catalog.exercises.isEmpty
                ? "The folder \(catalog.directory) has no exercises."
                : "Run `redislings exercise list` to see them."
            if let suggestion = catalog.suggestions(for: query).first { help = "Did you mean '\(suggestion)'? " + help }
            throw CommandLineError(message: "No exercise '\(query)' in \(catalog.directory).", help: help)
        }
        Self.warnAboutProblems(in: catalog)
        return (found, catalog)
    }

    /// Prints a one-line warning on standard error when exercise files have problems.
    static func warnAboutProblems(in catalog: ExerciseCatalog) {
        guard !catalog.problems.isEmpty else { return }
        FileHandle.standardError.write(Data(
            "warning: \(count(catalog.problems.count, "problem")) in \(catalog.directory); run `redislings dev check` to see them\n".utf8))
    }
}

/// The learner's answer files: `$REDISLINGS_WORKSPACE`, else `./redislings-work`.
enum Workspace {
    /// The workspace folder.
    static var directory: String {
        let environment = ProcessInfo.processInfo.environment
        if let folder = environment["REDISLINGS_WORKSPACE"], !folder.isEmpty { return folder }
        return "redislings-work"
    }

    /// The answer file of `exercise`: `<workspace>/<id>.redis` or `.lua`.
    static func file(for exercise: Exercise) -> String {
        (directory as NSString).appendingPathComponent("\(exercise.id).\(exercise.answerExtension)")
    }

    /// Creates the answer file from the starter unless it exists; true when it was created.
    @discardableResult
    static func createFile(for exercise: Exercise) throws -> Bool {
        let path = file(for: exercise)
        guard !FileManager.default.fileExists(atPath: path) else { return false }
        let comment = exercise.answer == .lua ? "--" : "#"
        var text = "\(comment) \(exercise.title) (\(exercise.id)): check with `redislings exercise check \(exercise.id)`\n"
        if let starter = exercise.starter { text += starter.hasSuffix("\n") ? starter : starter + "\n" }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CommandLineError(message: "Cannot create \(path): \(error.localizedDescription).",
                                   help: "Set REDISLINGS_WORKSPACE to a folder you can write to.")
        }
        return true
    }
}
