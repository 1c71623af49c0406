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
        let lessons = count(catalog.lessons.count, "lesson")
        if problems.isEmpty {
            let questions = catalog.lessons.reduce(0) { $0 + ($1.quiz?.questions.count ?? 0) }
            let blocks = catalog.lessons.reduce(0) { $0 + $1.runnableBlocks.count }
            let links = catalog.lessons.reduce(0) { $0 + $1.links.count }
            print("✓ \(lessons) in \(catalog.directory): \(count(questions, "quiz question")), \(count(blocks, "runnable redis block")), \(count(links, "link")); no problems.")
            return
        }
        FileHandle.standardError.write(Data("\(count(problems.count, "problem")) in \(lessons) of \(catalog.directory).\n".utf8))
        throw ExitCode(1)
    }
}

/// "1 lesson", "3 lessons".
func count(_ number: Int, _ noun: String) -> String { number == 1 ? "1 \(noun)" : "\(number) \(noun)s" }
