import ArgumentParser
import Foundation
import LessonKit

/// `redislings dev check`: every lesson parses, every link and prerequisite resolves, every quiz is well formed.
struct DevCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check every lesson: front matter, links, prerequisites, code fences and quizzes.",
        discussion: "Prints one line per problem (file:line: problem — fix) and exits with status 1 if there is any.")

    @OptionGroup var course: CourseOptions

    func run() throws {
        let catalog = try course.loadCatalog()
        let problems = catalog.check()
        for problem in problems { print(problem.description) }
        let lessons = catalog.lessons.count == 1 ? "1 lesson" : "\(catalog.lessons.count) lessons"
        if problems.isEmpty {
            let questions = catalog.lessons.reduce(0) { $0 + ($1.quiz?.questions.count ?? 0) }
            let blocks = catalog.lessons.reduce(0) { $0 + $1.runnableBlocks.count }
            let links = catalog.lessons.reduce(0) { $0 + $1.links.count }
            print("✓ \(lessons) in \(catalog.directory): \(questions) quiz questions, \(blocks) runnable redis blocks, \(links) links; no problems.")
            return
        }
        let count = problems.count == 1 ? "1 problem" : "\(problems.count) problems"
        FileHandle.standardError.write(Data("\(count) in \(lessons) of \(catalog.directory).\n".utf8))
        throw ExitCode(1)
    }
}
