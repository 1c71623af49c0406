import ArgumentParser
import Basics
import Foundation
import Grading

/// `--class NAME`, shared by the gradebook commands, and opening the gradebook.
struct GradebookOptions: ParsableArguments {
    @Option(name: .customLong("class"), help: ArgumentHelp("The class (default: the only one graded so far).", valueName: "name"))
    var className: String?

    /// The gradebook in the progress database.
    func openStore() throws -> GradebookStore {
        do {
            return try GradebookStore.openDefault()
        } catch let error as GradingError {
            throw CommandLineError(message: error.message, help: error.help)
        }
    }

    /// The class named by `--class`, or the only class in the gradebook.
    func resolveClass(in store: GradebookStore) throws -> String {
        let classes = try store.classes()
        if let className {
            guard classes.contains(className) else {
                throw CommandLineError(
                    message: "no class named '\(className)' has been graded",
                    help: classes.isEmpty ? "Grade one first: redislings grade SUBMISSIONS_DIR" : "Classes graded: \(classes.joined(separator: ", ")).")
            }
            return className
        }
        switch classes.count {
        case 0:
            throw CommandLineError(message: "the gradebook \(store.url.path) holds no grades yet", help: "Grade a class first: redislings grade SUBMISSIONS_DIR")
        case 1:
            return classes[0]
        default:
            throw CommandLineError(message: "the gradebook holds several classes", help: "Name one with --class: \(classes.joined(separator: ", ")).")
        }
    }
}

extension GradingError {
    /// The same error in the command line's shape.
    var commandLineError: CommandLineError { CommandLineError(message: message, help: help) }
}
