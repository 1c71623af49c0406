import Exercises
import Foundation
import LessonKit
import Testing

/// The fixture course, and throwaway courses written to a temporary folder.
enum ExerciseFixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The fixture lessons (one lesson: `pubsub-basics`, number 1).
    static var lessons: LessonCatalog {
        get throws { try LessonCatalog.load(directory: folder.appendingPathComponent("Lessons").path) }
    }

    /// The fixture exercises.
    static var catalog: ExerciseCatalog {
        get throws { ExerciseCatalog.load(directory: folder.appendingPathComponent("Exercises").path, lessons: try lessons) }
    }

    /// The fixture exercise `id` (or its number); the test fails when there is none.
    static func fixture(_ id: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Exercise {
        try #require(try catalog.exercise(matching: id), sourceLocation: sourceLocation)
    }

    /// A catalog of the given files (paths under the exercises folder), written to a new temporary folder.
    static func catalog(_ files: [String: String]) throws -> ExerciseCatalog {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("exercises-\(UUID().uuidString)")
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        defer { try? FileManager.default.removeItem(at: root) }
        return ExerciseCatalog.load(directory: root.path, lessons: try lessons)
    }

    /// One exercise from its front matter fields (the `---` lines and a body are added).
    static func exercise(_ frontMatter: String) throws -> Exercise {
        let catalog = try catalog(["pubsub-basics/01-test.md": "---\n\(frontMatter)\n---\n\nDo the thing.\n"])
        guard let exercise = catalog.exercises.first else {
            throw FixtureError(problems: catalog.problems.map(\.description))
        }
        return exercise
    }

    /// The problems of one file whose front matter is `frontMatter`.
    static func problems(_ frontMatter: String, path: String = "pubsub-basics/01-test.md") throws -> [ExerciseProblem] {
        try catalog([path: "---\n\(frontMatter)\n---\n\nDo the thing.\n"]).problems
    }

    /// A valid front matter, for tests that break one part of it.
    static let valid = """
        id: counter-to-three
        lesson: pubsub-basics
        title: "Count to three"
        points: 5
        keys: [counter]
        checks:
          - name: the counter is 3
            points: 5
            run: GET counter
            expect: "3"
            message: "counter does not hold 3."
        hints:
          - INCR counts.
        solution: |
          INCR counter
          INCR counter
          INCR counter
        """
}

struct FixtureError: Error, CustomStringConvertible {
    var problems: [String]
    var description: String { problems.joined(separator: "\n") }
}
