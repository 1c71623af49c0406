import Exercises
import Foundation
import LessonKit
import Testing

/// `dev check --coverage`: what lessons, quiz questions and exercises declare, counted per bullet.
@Suite struct CourseCoverageTests {
    private let root = FileManager.default.temporaryDirectory.appendingPathComponent("coverage-\(UUID().uuidString)")

    /// A course of one lesson (two questions) and one exercise, with the given declarations.
    private func course(lessonCovers: String, quizCovers: String, exerciseCovers: String) throws -> (CourseOutline, LessonCatalog, [Exercise], [ExerciseProblem]) {
        let lessons = root.appendingPathComponent("Lessons")
        try FileManager.default.createDirectory(at: lessons, withIntermediateDirectories: true)
        try """
            - {id: pub, lesson: 1, text: "PUBLISH"}
            - {id: sub, lesson: 1, text: "SUBSCRIBE"}
            - {id: never, lesson: 1, text: "Something nobody teaches"}
            """.write(to: lessons.appendingPathComponent("outline.yaml"), atomically: true, encoding: .utf8)
        try """
            ---
            number: 1
            title: "Channels"
            slug: channels
            covers: \(lessonCovers)
            quiz_covers:
            \(quizCovers)
            ---

            # Channels

            ## Quiz

            ### Question 1
            What does PUBLISH reply?

            **A)** Deliveries
            **B)** An id

            **Answer: A** - It counts deliveries.

            ### Question 2
            What does SUBSCRIBE do?

            **A)** Listens
            **B)** Stores

            **Answer: A** - It listens.
            """.write(to: lessons.appendingPathComponent("01. Channels.md"), atomically: true, encoding: .utf8)
        let catalog = try LessonCatalog.load(directory: lessons.path)
        let exercises = root.appendingPathComponent("Exercises/channels")
        try FileManager.default.createDirectory(at: exercises, withIntermediateDirectories: true)
        try """
            ---
            \(ExerciseFixtures.valid.replacingOccurrences(of: "lesson: pubsub-basics", with: "lesson: channels"))
            covers: \(exerciseCovers)
            ---

            Count.
            """.write(to: exercises.appendingPathComponent("01-count.md"), atomically: true, encoding: .utf8)
        let loaded = ExerciseCatalog.load(directory: root.appendingPathComponent("Exercises").path, lessons: catalog)
        let (outline, problems) = CourseOutline.load(lessonsDirectory: lessons.path)
        return (try #require(outline), catalog, loaded.exercises, problems + loaded.problems)
    }

    @Test func declarationsAreCountedPerBullet() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let (outline, lessons, exercises, problems) = try course(lessonCovers: "[pub, sub]", quizCovers: "  1: [pub]\n  2: [sub, pub]", exerciseCovers: "[sub]")
        #expect(problems == [])
        let coverage = CourseCoverage(outline: outline, lessons: lessons, exercises: exercises)
        #expect(coverage.rows.map { [$0.taught, $0.quizzed, $0.exercised] } == [[1, 2, 0], [1, 1, 1], [0, 0, 0]])
        #expect(coverage.problems.map(\.message) == ["no lesson teaches `never` (Something nobody teaches)"])
        #expect(coverage.table.hasPrefix("| Lesson | Outline bullet | Taught | Quizzed | Exercised |\n|---|---|---|---|---|\n| 01 | PUBLISH | 1 | 2 | 0 |\n"))
        #expect(coverage.table.hasSuffix("\n3 bullets: 2 taught, 2 quizzed, 1 exercised, 1 neither quizzed nor exercised.\n"))
    }

    @Test func unknownIdsAndMissingDeclarationsAreProblems() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let (outline, lessons, exercises, _) = try course(lessonCovers: "[pub, sub, nope]", quizCovers: "  1: [pub]", exerciseCovers: "[]")
        let coverage = CourseCoverage(outline: outline, lessons: lessons, exercises: exercises)
        #expect(coverage.problems.map(\.message) == [
            "lesson 01 names `nope`, which is not a bullet of the outline",
            "question 2 of lesson 01 declares no outline bullet",
            "exercise 1.1 declares no outline bullet",
            "no lesson teaches `never` (Something nobody teaches)",
        ])
    }
}
