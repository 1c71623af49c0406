import ArgumentParser
import Foundation
import Grading

/// `redislings gradebook override`: a grade set by hand, with a reason, that survives re-grading.
struct GradebookOverrideCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "override",
        abstract: "Set a student's grade for an exercise by hand (kept through re-grading), or --remove it.")

    @OptionGroup var gradebook: GradebookOptions

    @Argument(help: "The student (their folder's name).")
    var student: String

    @Argument(help: "The exercise id.")
    var exercise: String

    @Argument(help: "The points to give, from 0 to the exercise's points.")
    var score: Double?

    @Option(help: "Why (required when setting a grade; shown in the gradebook).")
    var comment: String?

    @Flag(help: "Remove the override, so the graded score counts again.")
    var remove = false

    func validate() throws {
        if remove, score != nil { throw ValidationError("Give either a score or --remove, not both.") }
        if !remove, score == nil { throw ValidationError("Give the score to set, or --remove.") }
        if !remove, (comment ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("An override needs --comment \"why\".")
        }
    }

    func run() async throws {
        do {
            let store = try gradebook.openStore()
            let className = try gradebook.resolveClass(in: store)
            // Names are kept in NFC (see StudentName), whatever form the terminal typed.
            let key = GradeKey(student: StudentName.canonical(student), exercise: exercise)
            if remove {
                let removed = try store.removeOverride(className: className, key: key)
                print(removed ? "Removed the override of \(student) on \(exercise); the graded score counts again." : "\(student) had no override on \(exercise).")
            } else if let score {
                try store.setOverride(className: className, key: key, score: score, comment: comment ?? "")
                print("\(student) now has \(Self.points(score)) on \(exercise) in \(className), whatever later gradings give.")
            }
        } catch let error as GradingError {
            throw error.commandLineError
        }
    }

    private static func points(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
