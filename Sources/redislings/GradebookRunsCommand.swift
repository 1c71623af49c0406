import ArgumentParser
import Foundation
import Grading

/// `redislings gradebook runs`: every recorded grading run of a class.
struct GradebookRunsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "runs", abstract: "List the grading runs recorded for a class.")

    @OptionGroup var gradebook: GradebookOptions

    func run() async throws {
        do {
            let store = try gradebook.openStore()
            let className = try gradebook.resolveClass(in: store)
            let formatter = ISO8601DateFormatter()
            print("Grading runs of \(className):")
            for run in try store.runs(className: className) {
                let deadline = run.deadline.map { ", deadline \(formatter.string(from: $0)), \(Self.number(run.latePenaltyPercentPerDay))%/day" } ?? ""
                print("  #\(run.id)  \(formatter.string(from: run.startedAt))  \(run.graded) grades  on \(run.backend)\(deadline)")
                print("       \(run.submissions): \(run.exercises.joined(separator: ", "))")
            }
        } catch let error as GradingError {
            throw error.commandLineError
        }
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
