import ArgumentParser
import Foundation
import LessonKit

/// `redislings list`: the course's lessons in reading order.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the lessons: number, title, level, minutes and prerequisites.")

    @OptionGroup var course: CourseOptions

    @Flag(help: "Print the catalog as JSON, for scripts.")
    var json = false

    func run() throws {
        let catalog = try course.loadCatalog()
        if json {
            print(try CatalogJSON(catalog).encoded())
            return
        }
        CourseOptions.warnAboutProblems(in: catalog)
        print(CatalogTable(catalog: catalog).render(), terminator: "")
    }
}
