import Foundation
import LessonKit

/// What `list --json` prints. Field names are stable: scripts depend on them.
struct CatalogJSON: Encodable {
    struct Prerequisite: Encodable {
        var name: String
        var status: String
        var number: Int?
        var slug: String?
    }

    struct Entry: Encodable {
        var number: Int
        var title: String
        var slug: String
        var level: String
        var tags: [String]
        var prerequisites: [Prerequisite]
        var prerequisitesMet: Bool
        var estimatedMinutes: Int
        var contributors: [String]
        var diagrams: [String]
        var examples: [String]
        var canonicalId: String
        var file: String
        var quizQuestions: Int
        var runnableBlocks: Int
    }

    struct Problem: Encodable {
        var file: String
        var line: Int
        var kind: String
        var message: String
        var fix: String
    }

    var course: String
    var lessons: [Entry]
    var problems: [Problem]

    init(_ catalog: LessonCatalog) {
        course = catalog.directory
        lessons = catalog.lessons.map { lesson in
            let prerequisites = catalog.prerequisites(of: lesson).map { name, target in
                Prerequisite(name: name, status: target == nil ? "missing" : "met", number: target?.number, slug: target?.slug)
            }
            let metadata = lesson.metadata
            return Entry(
                number: lesson.number, title: lesson.title, slug: lesson.slug, level: metadata.level, tags: metadata.tags,
                prerequisites: prerequisites, prerequisitesMet: prerequisites.allSatisfy { $0.status == "met" },
                estimatedMinutes: metadata.estimatedMinutes, contributors: metadata.contributors, diagrams: metadata.diagrams,
                examples: metadata.examples, canonicalId: metadata.canonicalID, file: lesson.file,
                quizQuestions: lesson.quiz?.questions.count ?? 0, runnableBlocks: lesson.runnableBlocks.count)
        }
        problems = catalog.problems.map {
            Problem(file: $0.file, line: $0.line, kind: $0.kind.rawValue, message: $0.message, fix: $0.fix)
        }
    }

    func encoded() throws -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
