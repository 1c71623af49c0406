import Foundation
import LessonKit

/// Finds the exercises folder as `CourseLocator` finds the lessons: `--exercises DIR`, else
/// `$REDISLINGS_EXERCISES`, else `./Exercises`, else the installed
/// `<executable dir>/../share/redislings/Exercises`, else the source tree's `Exercises`.
public struct ExerciseLocator: Sendable {
    /// The environment (for `REDISLINGS_EXERCISES`).
    public var environment: [String: String]
    /// The folder `./Exercises` is relative to.
    public var workingDirectory: String
    /// The running program's path, for the installed exercises.
    public var executablePath: String?
    /// The source tree's `Exercises` folder.
    public var sourceTreeExercises: String?

    /// A locator with the given surroundings (tests pass their own).
    public init(environment: [String: String], workingDirectory: String, executablePath: String?, sourceTreeExercises: String?) {
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.executablePath = executablePath
        self.sourceTreeExercises = sourceTreeExercises
    }

    /// The locator for this process.
    public static var current: ExerciseLocator {
        ExerciseLocator(
            environment: ProcessInfo.processInfo.environment,
            workingDirectory: FileManager.default.currentDirectoryPath,
            executablePath: ContentFolder.executablePath,
            sourceTreeExercises: ContentFolder.sourceTree("Exercises"))
    }

    /// The folders tried after `--exercises`, in order.
    public var candidates: [String] {
        var found: [String] = []
        if let folder = environment["REDISLINGS_EXERCISES"], !folder.isEmpty { found.append(folder) }
        found.append("Exercises")
        if let executablePath {
            found.append(ContentFolder.installed("Exercises", executablePath: executablePath))
        }
        if let sourceTreeExercises { found.append(sourceTreeExercises) }
        return found
    }

    /// The exercises folder: `explicit` if given (it must exist), `$REDISLINGS_EXERCISES` if set
    /// (it must exist), else the first candidate that exists.
    public func locate(explicit: String?) throws(ExerciseLocatorError) -> String {
        if let explicit {
            guard isDirectory(explicit) else { throw ExerciseLocatorError(message: "no exercises folder at \(explicit)") }
            return explicit
        }
        if let folder = environment["REDISLINGS_EXERCISES"], !folder.isEmpty {
            guard isDirectory(folder) else { throw ExerciseLocatorError(message: "REDISLINGS_EXERCISES names \(folder), which is not a folder") }
            return folder
        }
        if let found = candidates.first(where: isDirectory) { return found }
        throw ExerciseLocatorError(message: "no exercises folder found (looked in \(candidates.joined(separator: ", ")))")
    }

    private func isDirectory(_ path: String) -> Bool {
        ContentFolder.isDirectory(path, workingDirectory: workingDirectory)
    }
}

/// No exercises folder where one was asked for or looked for.
public struct ExerciseLocatorError: Error, Sendable, CustomStringConvertible {
    /// What was wrong, naming the folders.
    public let message: String
    public var description: String { message }
}
