import ArgumentParser
import Basics
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
        guard let directory = try directory() else {
            throw CommandLineError(
                message: "No Exercises folder beside the lessons folder \(try Self.courseFolder(course.lessons).directory).",
                help: "Pass --exercises DIR with the folder of exercise files for this course.")
        }
        return (lessons, ExerciseCatalog.load(directory: directory, lessons: lessons))
    }

    /// The exercises folder, or nil when the course has none.
    func directory() throws -> String? {
        try Self.directory(exercises: exercises, lessons: course.lessons)
    }

    /// The exercises folder for these `--exercises` and `--lessons` values: `--exercises`; else,
    /// for a course named by `--lessons` or `$REDISLINGS_COURSE`, the `Exercises` folder beside
    /// it (nil when there is none: another course's exercises do not fit); else the usual search.
    static func directory(exercises: String?, lessons: String?) throws -> String? {
        let locator = ExerciseLocator.current
        if exercises == nil, let location = try? courseFolder(lessons), location.origin == .option || location.origin == .environment {
            let sibling = URL(fileURLWithPath: location.directory).standardizedFileURL.deletingLastPathComponent()
                .appendingPathComponent("Exercises").path
            var isFolder: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: sibling, isDirectory: &isFolder) && isFolder.boolValue
            return exists ? sibling : nil
        }
        do {
            return try locator.locate(explicit: exercises)
        } catch {
            throw CommandLineError(
                message: "\(error.message.prefix(1).uppercased())\(error.message.dropFirst()).",
                help: "Pass --exercises DIR with the folder of exercise files, or set REDISLINGS_EXERCISES.")
        }
    }

    /// Where the lessons come from.
    static func courseFolder(_ lessons: String?) throws -> CourseLocator.Location {
        try CourseLocator.current.locate(explicit: lessons)
    }

    /// The exercise named by `query` (id or LESSON.N), or an error listing close names.
    func exercise(_ query: String) throws -> (Exercise, ExerciseCatalog, LessonCatalog) {
        let (lessons, catalog) = try load()
        guard let found = catalog.exercise(matching: query) else {
            var help = catalog.exercises.isEmpty
                ? "The folder \(catalog.directory) has no exercises."
                : "Run `redislings exercise list` to see them."
            if let suggestion = catalog.suggestions(for: query).first { help = "Did you mean '\(suggestion)'? " + help }
            throw CommandLineError(message: "No exercise '\(query)' in \(catalog.directory).", help: help)
        }
        Self.warnAboutProblems(in: catalog)
        return (found, catalog, lessons)
    }

    /// Prints a one-line warning on standard error when exercise files have problems.
    static func warnAboutProblems(in catalog: ExerciseCatalog) {
        guard !catalog.problems.isEmpty else { return }
        FileHandle.standardError.write(Data(
            "warning: \(count(catalog.problems.count, "problem")) in \(catalog.directory); run `redislings dev check` to see them\n".utf8))
    }
}

/// The learner's answer files, in the workspace the environment names.
enum Workspace {
    static var current: ExerciseWorkspace { .fromEnvironment(ProcessInfo.processInfo.environment) }

    /// The answer file of `exercise`.
    static func file(for exercise: Exercise) -> String { current.file(for: exercise) }

    /// Creates the answer file from the starter unless it exists; true when it was created.
    @discardableResult
    static func createFile(for exercise: Exercise) throws -> Bool {
        do {
            return try current.createFile(for: exercise)
        } catch {
            throw CommandLineError(message: error.message, help: "")
        }
    }
}
