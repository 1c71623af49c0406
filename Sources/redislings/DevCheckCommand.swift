import ArgumentParser
import Basics
import Exercises
import Foundation
import LessonKit
import RESP
import RedisBackends

/// `redislings dev check`: every lesson parses, every link and prerequisite resolves, every quiz
/// is well formed, every runnable block runs; every exercise is valid, fails untouched, passes
/// with its solution, and pays no wrong answer more than it may.
struct DevCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check every lesson and exercise: front matter, links, quizzes; each exercise fails untouched, passes with its solution and underpays wrong answers.",
        discussion: "Prints one line per problem (file:line: problem — fix) and exits with status 1 if there is any. With --live, exercises are also proved on that Redis.")

    @OptionGroup var options: ExerciseOptions
    @OptionGroup var backend: BackendOptions
    @Flag(help: "Also print, per bullet of the lessons folder's outline.yaml, how many lessons teach it, quiz questions ask about it and exercises practise it.")
    var coverage = false

    func run() async throws {
        let catalog = try options.course.loadCatalog()
        var problems = catalog.check().map(\.description)
        if problems.isEmpty {
            // Blocks run only once the lessons parse: a broken block would only repeat a parse problem.
            let simulator = SimulatorBackend()
            for lesson in catalog.lessons { problems += await LessonProof.prove(lesson, on: simulator).map(\.description) }
        }
        for problem in problems { print(problem) }
        let lessons = count(catalog.lessons.count, "lesson")
        if problems.isEmpty {
            let questions = catalog.lessons.reduce(0) { $0 + ($1.quiz?.questions.count ?? 0) }
            let blocks = catalog.lessons.reduce(0) { $0 + $1.runnableBlocks.count }
            let links = catalog.lessons.reduce(0) { $0 + $1.links.count }
            print("✓ \(lessons) in \(catalog.directory): \(count(questions, "quiz question")), \(count(blocks, "runnable redis block")) (run in order on the simulator), \(count(links, "link")); no problems.")
        }
        var exerciseProblems = try await checkExercises(lessons: catalog)
        if coverage { exerciseProblems += try printCoverage(lessons: catalog) }
        guard problems.isEmpty, exerciseProblems == 0 else {
            let exercises = exerciseProblems == 0 ? "" : " and their exercises"
            FileHandle.standardError.write(Data("\(count(problems.count + exerciseProblems, "problem")) in \(lessons) of \(catalog.directory)\(exercises).\n".utf8))
            throw ExitCode(1)
        }
    }

    /// Prints the outline's coverage table and its problems; returns how many problems.
    private func printCoverage(lessons: LessonCatalog) throws -> Int {
        let (outline, outlineProblems) = CourseOutline.load(lessonsDirectory: lessons.directory)
        guard let outline else {
            for problem in outlineProblems { print(problem.description) }
            if outlineProblems.isEmpty { print("No \(CourseOutline.fileName) in \(lessons.directory): nothing to measure coverage against.") }
            return max(outlineProblems.count, 1)
        }
        let exercises = try options.directory().map { ExerciseCatalog.load(directory: $0, lessons: lessons).exercises } ?? []
        let coverage = CourseCoverage(outline: outline, lessons: lessons, exercises: exercises)
        for problem in outlineProblems + coverage.problems { print(problem.description) }
        print(coverage.table, terminator: "")
        return outlineProblems.count + coverage.problems.count
    }

    /// Loads the exercises and proves each; prints the problems and returns how many.
    private func checkExercises(lessons: LessonCatalog) async throws -> Int {
        // A course without exercises is fine; a folder asked for by name must exist.
        guard let directory = try options.directory() else { return 0 }
        let catalog = ExerciseCatalog.load(directory: directory, lessons: lessons)
        var problems = catalog.problems
        let backends: [any RedisBackend] = [SimulatorBackend()] + (backend.liveURLText != nil ? [try await backend.backend()] : [])
        for target in backends {
            for exercise in catalog.exercises {
                problems += await ExerciseProof.prove(exercise, on: target)
                problems += await WrongAnswerProof.prove(exercise, on: target)
            }
        }
        problems.sort { ($0.file, $0.line) < ($1.file, $1.line) }
        for problem in problems {
            var shown = problem
            shown.file = (directory as NSString).appendingPathComponent(problem.file)
            print(shown.description)
        }
        if problems.isEmpty, !catalog.exercises.isEmpty {
            let on = backends.map(\.label).joined(separator: " and ")
            let wrong = catalog.exercises.reduce(0) { $0 + WrongAnswerProof.answers(for: $1).count }
            print("✓ \(count(catalog.exercises.count, "exercise")) in \(directory): each fails untouched and passes with its solution on \(on); \(count(wrong, "wrong answer")) earn no more than they may.")
        }
        return problems.count
    }
}
