import Foundation
import LessonKit

/// Every exercise of a course folder (`<lesson-slug>/NN-name.md`), with the problems found.
public struct ExerciseCatalog: Sendable {
    /// The folder read.
    public let directory: String
    /// The exercises that loaded, in the lessons' reading order, then by file name.
    public let exercises: [Exercise]
    /// Every problem found, by file and line.
    public let problems: [ExerciseProblem]

    /// A catalog of already-loaded exercises.
    public init(directory: String, exercises: [Exercise], problems: [ExerciseProblem]) {
        self.directory = directory
        self.exercises = exercises
        self.problems = problems
    }

    /// The exercise with this id, or `LESSON.N` (lesson number or slug, then the exercise's number).
    public func exercise(matching query: String) -> Exercise? {
        let query = query.trimmingCharacters(in: .whitespaces)
        if let found = exercises.first(where: { $0.id == query }) { return found }
        guard let dot = query.lastIndex(of: "."), let number = Int(query[query.index(after: dot)...]) else { return nil }
        let lesson = String(query[..<dot])
        return exercises.first { exercise in
            exercise.number == number && (exercise.lesson == lesson || Int(lesson) == exercise.lessonNumber)
        }
    }

    /// The exercises of one lesson (slug or number), in order.
    public func exercises(ofLesson lesson: String) -> [Exercise] {
        exercises.filter { $0.lesson == lesson || Int(lesson) == $0.lessonNumber }
    }

    /// Ids close to `query`, for "did you mean".
    public func suggestions(for query: String) -> [String] {
        exercises.map(\.id).filter { $0.contains(query) || query.contains($0) || Self.closeEnough($0, query) }
    }

    private static func closeEnough(_ a: String, _ b: String) -> Bool {
        let shared = Set(a.split(separator: "-")).intersection(Set(b.split(separator: "-")))
        return shared.count >= 2
    }
}
