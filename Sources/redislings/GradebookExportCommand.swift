import ArgumentParser
import Basics
import Foundation
import Grading

/// `redislings gradebook export`: the current grades (latest run per cell, overrides applied).
struct GradebookExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Print the current gradebook: a row per student, a column per exercise, a total.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case csv, json, canvas, moodle
    }

    @OptionGroup var gradebook: GradebookOptions

    @Option(help: "csv (a row per student), json (every grade with its checks and overrides), canvas or moodle (each student's total in the CSV layout that LMS imports).")
    var format: Format = .csv

    @Option(help: ArgumentHelp("The assignment's column name in a canvas or moodle export (default: the class's name).", valueName: "name"))
    var assignmentName: String?

    @Option(name: .customLong("output"), help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    func run() async throws {
        let text: String
        do {
            let store = try gradebook.openStore()
            let className = try gradebook.resolveClass(in: store)
            let book = try store.gradebook(className: className)
            switch format {
            case .csv:
                text = book.csv
            case .canvas:
                text = book.canvasCSV(assignment: assignmentName ?? className)
            case .moodle:
                text = book.moodleCSV(assignment: assignmentName ?? className)
            case .json:
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                encoder.dateEncodingStrategy = .iso8601
                text = String(decoding: try encoder.encode(book), as: UTF8.self) + "\n"
            }
        } catch let error as GradingError {
            throw error.commandLineError
        }
        guard let output else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            throw CommandLineError(message: "cannot write \(output): \(error.localizedDescription)", help: "Pass --output with a file in a folder you can write to.")
        }
    }
}
