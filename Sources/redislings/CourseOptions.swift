import ArgumentParser
import Basics
import Foundation
import LessonKit

/// The `--lessons DIR` option every lesson command takes, and loading the course it names.
struct CourseOptions: ParsableArguments {
    @Option(
        name: .customLong("lessons"),
        help: ArgumentHelp(
            "The lessons folder (default: $REDISLINGS_COURSE, ./Lessons, then the installed course).",
            valueName: "dir"))
    var lessons: String?

    /// Loads the course; a missing folder is an error that says where it looked.
    func loadCatalog() throws -> LessonCatalog {
        do {
            let location = try CourseLocator.current.locate(explicit: lessons)
            return try LessonCatalog.load(directory: location.directory)
        } catch {
            throw CommandLineError(
                message: "\(error.description.prefix(1).uppercased())\(error.description.dropFirst()).",
                help: "Pass --lessons DIR with the folder of lesson files, or set REDISLINGS_COURSE.")
        }
    }

    /// Prints a one-line warning on standard error when the course has problems.
    static func warnAboutProblems(in catalog: LessonCatalog) {
        let problems = catalog.problems
        guard !problems.isEmpty else { return }
        let count = Basics.count(problems.count, "problem")
        FileHandle.standardError.write(Data("warning: \(count) in \(catalog.directory); run `redislings dev check` to see them\n".utf8))
    }
}
