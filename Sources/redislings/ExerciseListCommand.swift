import ArgumentParser
import Basics
import Exercises
import Foundation

/// `redislings exercise list [LESSON]`: the exercises, by lesson.
struct ExerciseListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the exercises (all, or one lesson's): ✓ passed or ~ tried, short name, id, title, points and answer kind.")

    @OptionGroup var options: ExerciseOptions

    @Argument(help: "Only this lesson's exercises (number or slug).")
    var lesson: String?

    @Flag(help: "Print the list as JSON, for scripts.")
    var json = false

    func run() throws {
        let (lessons, catalog) = try options.load()
        var exercises = catalog.exercises
        if let lesson {
            guard let found = lessons.lesson(matching: lesson) else { throw LessonLookupError.unknown(lesson, in: lessons) }
            exercises = catalog.exercises(ofLesson: found.slug)
        }
        let standing = ExerciseStanding.load()
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.keyEncodingStrategy = .convertToSnakeCase
            let rows = exercises.map {
                ExerciseRow(id: $0.id, name: $0.shortName, lesson: $0.lesson, title: $0.title, points: $0.points,
                            answer: $0.answer.rawValue, checks: $0.checks.count, file: Workspace.file(for: $0),
                            status: standing.status(of: $0.id), bestScore: standing.bestScore(of: $0.id))
            }
            print(String(decoding: try encoder.encode(rows), as: UTF8.self))
            return
        }
        ExerciseOptions.warnAboutProblems(in: catalog)
        guard !exercises.isEmpty else {
            print(lesson.map { "Lesson \($0) has no exercises yet." } ?? "No exercises in \(catalog.directory).")
            return
        }
        let idWidth = exercises.map(\.id.count).max() ?? 0
        let nameWidth = exercises.map(\.shortName.count).max() ?? 0
        var currentLesson = ""
        for exercise in exercises {
            if exercise.lesson != currentLesson {
                if !currentLesson.isEmpty { print("") }
                let title = lessons.lesson(matching: exercise.lesson)?.title ?? exercise.lesson
                print("Lesson \(exercise.lessonNumber): \(title)")
                currentLesson = exercise.lesson
            }
            let name = exercise.shortName.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
            let id = exercise.id.padding(toLength: idWidth, withPad: " ", startingAt: 0)
            let answer = exercise.answer == .lua ? "lua" : "redis"
            let best = standing.bestScore(of: exercise.id).map { "\($0)/" } ?? ""
            print("\(standing.mark(of: exercise.id)) \(name)  \(id)  \(exercise.title) (\(best)\(count(exercise.points, "point")), \(answer))")
        }
    }
}

/// One exercise in `exercise list --json`.
struct ExerciseRow: Encodable {
    var id: String
    var name: String
    var lesson: String
    var title: String
    var points: Int
    var answer: String
    var checks: Int
    var file: String
    var status: ExerciseStanding.Status
    var bestScore: Int?
}
