import ArgumentParser
import Basics
import Foundation
import LessonKit
import Quizzes

/// `redislings show LESSON`: a lesson rendered for the terminal.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a lesson, by number, slug or canonical id.")

    @OptionGroup var course: CourseOptions

    @Argument(help: "The lesson: its number (14), slug or canonical id.")
    var lesson: String

    @Flag(help: "Plain text: no colours and no pager.")
    var plain = false

    @Flag(help: "Show the quiz answers and their explanations.")
    var answers = false

    func run() throws {
        let catalog = try course.loadCatalog()
        guard let found = catalog.lesson(matching: lesson) else { throw LessonLookupError.unknown(lesson, in: catalog) }
        CourseOptions.warnAboutProblems(in: catalog)
        let environment = ProcessInfo.processInfo.environment
        let renderer = TerminalRenderer(
            width: Terminal.width(environment: environment),
            colors: Terminal.useColors(plain: plain, environment: environment),
            linkNote: { catalog.linkNote($0, from: found) { "redislings show \($0.paddedNumber)" } })
        LearnerRecord.bestEffort("reading lesson \(found.paddedNumber)") { store, now in
            try store.recordLessonRead(lesson: found.progressKey, at: now)
        }
        Pager.show(renderer.render(found, catalog: catalog, showAnswers: answers), enabled: !plain, environment: environment)
    }
}

/// The error for a lesson name that matches nothing, with what exists and close names.
enum LessonLookupError {
    static func unknown(_ query: String, in catalog: LessonCatalog) -> CommandLineError {
        let available = catalog.lessons.map { "\($0.paddedNumber) \($0.slug)" }.joined(separator: ", ")
        var help = catalog.lessons.isEmpty ? "The course in \(catalog.directory) has no lessons." : "Lessons: \(available)."
        if let suggestion = catalog.suggestions(for: query).first { help = "Did you mean '\(suggestion)'? " + help }
        return CommandLineError(message: "No lesson '\(query)' in \(catalog.directory).", help: help)
    }
}
