import Exercises
import Foundation
import LessonKit
import Testing

/// Exercises are listed in the order the lessons are read, which prerequisites decide.
@Suite struct CatalogOrderTests {
    @Test func exercisesFollowTheLessonsReadingOrder() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("order-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let lessons = root.appendingPathComponent("Lessons")
        try FileManager.default.createDirectory(at: lessons, withIntermediateDirectories: true)
        // Lesson 2 needs lesson 3, so 3 is read first although its number is higher.
        for (number, slug, prerequisite) in [(2, "second", "third"), (3, "third", "")] {
            try "---\nnumber: \(number)\ntitle: \"\(slug)\"\nslug: \(slug)\nprerequisites: [\(prerequisite)]\n---\n\n# \(slug)\n"
                .write(to: lessons.appendingPathComponent("0\(number). \(slug).md"), atomically: true, encoding: .utf8)
        }
        let catalog = try LessonCatalog.load(directory: lessons.path)
        #expect(catalog.lessons.map(\.slug) == ["third", "second"])
        for slug in ["second", "third"] {
            let folder = root.appendingPathComponent("Exercises/\(slug)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let text = ExerciseFixtures.valid.replacingOccurrences(of: "lesson: pubsub-basics", with: "lesson: \(slug)")
                .replacingOccurrences(of: "id: counter-to-three", with: "id: count-in-\(slug)")
            try "---\n\(text)\n---\n\nCount.\n".write(to: folder.appendingPathComponent("01-count.md"), atomically: true, encoding: .utf8)
        }
        let exercises = ExerciseCatalog.load(directory: root.appendingPathComponent("Exercises").path, lessons: catalog)
        #expect(exercises.problems == [])
        #expect(exercises.exercises.map(\.id) == ["count-in-third", "count-in-second"])
    }
}
