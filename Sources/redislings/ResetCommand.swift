import ArgumentParser
import Basics
import CourseProgress
import Foundation
@preconcurrency import Glibc
import Quizzes

/// `redislings reset [LESSON|EXERCISE]`: forget recorded progress, after asking.
struct ResetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset",
        abstract: "Forget your progress: all of it, one lesson's (quiz, reviews, reads) or one exercise's.")

    @OptionGroup var course: CourseOptions

    @Argument(help: "A lesson (number, slug or canonical id) or an exercise id; nothing for everything.")
    var target: String?

    @Flag(help: "Do not ask for confirmation (for scripts).")
    var yes = false

    func run() throws {
        let store = try LearnerRecord.open()
        let (what, reset) = try plan(store)
        guard try confirmed("Forget \(what)?") else {
            print("Nothing was changed.")
            return
        }
        do {
            let removed = try reset()
            print("Forgot \(what) (\(removed == 1 ? "1 record" : "\(removed) records")).")
        } catch let error as ProgressStoreError {
            throw CommandLineError(message: error.description + ".", help: error.remedy + ".")
        }
    }

    /// What will be forgotten, in words, and the operation that does it.
    private func plan(_ store: ProgressStore) throws -> (String, () throws -> Int) {
        guard let target else { return ("all your progress in \(store.path)", { try store.resetAll() }) }
        // An exercise can be forgotten even where the course cannot be read.
        let loaded = Result { try course.loadCatalog() }
        if let lesson = try? loaded.get().lesson(matching: target) {
            return ("lesson \(lesson.paddedNumber)'s quiz attempts, review questions, reads and time (\(lesson.title))",
                    { try store.resetLesson(lesson.progressKey) })
        }
        let known: Bool
        do { known = try store.knowsExercise(target) } catch { throw CommandLineError(message: error.description + ".", help: error.remedy + ".") }
        if known { return ("exercise \(target)'s results and hints", { try store.resetExercise(target) }) }
        // A lesson key whose lesson left the course can still be forgotten.
        let cards = (try? store.reviewCards()) ?? []
        if cards.contains(where: { $0.lesson == target }) || ((try? store.quizAttempts(lesson: target)) ?? []).isEmpty == false {
            return ("the records of \(target)", { try store.resetLesson(target) })
        }
        let catalog = try loaded.get()
        throw CommandLineError(
            message: "'\(target)' is neither a lesson of \(catalog.directory) nor an exercise with recorded progress.",
            help: "Name a lesson (`redislings list`) or an exercise id you have worked on; `redislings reset` alone forgets everything.")
    }

    /// Asks `question` with y/N on a terminal; `--yes` skips it; without a terminal it refuses.
    private func confirmed(_ question: String) throws -> Bool {
        if yes { return true }
        guard isatty(STDIN_FILENO) != 0 else {
            throw CommandLineError(
                message: "reset needs a confirmation and standard input is not a terminal.",
                help: "Run it in a terminal to be asked, or add --yes to confirm in a script.")
        }
        print("\(question) This cannot be undone. [y/N] ", terminator: "")
        let reply = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        return reply == "y" || reply == "yes"
    }
}
