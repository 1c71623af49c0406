import ArgumentParser
import Basics
import Exercises
import Foundation
import LessonKit

/// `redislings exercise show ID`: the instructions, the points, the checks, and the answer file.
struct ExerciseShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show an exercise's instructions and checks, and create your answer file from its starter.")

    @OptionGroup var options: ExerciseOptions

    @Argument(help: "The exercise: its id, or LESSON.N (e.g. 14.1).")
    var exercise: String

    @Flag(help: "Plain text: no colours and no pager.")
    var plain = false

    func run() throws {
        let (found, _, _) = try options.exercise(exercise)
        let created = try Workspace.createFile(for: found)
        let environment = ProcessInfo.processInfo.environment
        let renderer = TerminalRenderer(
            width: Terminal.width(environment: environment), colors: Terminal.useColors(plain: plain, environment: environment))
        Pager.show(Self.render(found, renderer: renderer, created: created), enabled: !plain, environment: environment)
    }

    /// The exercise as the learner reads it.
    static func render(_ exercise: Exercise, renderer: TerminalRenderer, created: Bool) -> String {
        var text = renderer.render(markdown: "# \(exercise.shortName) \(exercise.title)\n")
        text += "id: \(exercise.id) · lesson \(exercise.lessonNumber) (\(exercise.lesson)) · \(count(exercise.points, "point"))\n\n"
        text += renderer.render(markdown: exercise.instructions)
        text += "\nChecks:\n"
        for (check, name) in zip(exercise.checks, CheckNaming.shownNames(exercise.checks)) {
            text += "  • \(name) (\(count(check.points, "point")))\n"
        }
        let file = Workspace.file(for: exercise)
        let what = exercise.answer == .lua ? "your Lua script" : "your Redis commands, one per line"
        text += "\nWrite \(what) in \(file)\(created ? " (just created)" : "").\n"
        text += "Check it: redislings exercise check \(exercise.id)   Hint: redislings hint \(exercise.id)   Re-check on save: redislings watch \(exercise.id)\n"
        return text
    }
}
