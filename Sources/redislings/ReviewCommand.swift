import ArgumentParser
import Basics
import CourseProgress
import Foundation
@preconcurrency import Glibc
import LessonKit
import Quizzes
import RedisBackends

/// `redislings review`: missed quiz questions again, spaced out in Leitner boxes.
struct ReviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Answer the quiz questions you missed again, when they are due.",
        discussion: """
            A missed question goes to box 1 and is due a day later. A right answer moves it up a \
            box (due after 2, 4, 8, then 16 days); a wrong one sends it back to box 1.
            """)

    @OptionGroup var course: CourseOptions

    @Flag(help: "Also ask the questions that are not due yet (due ones first).")
    var all = false

    @Option(help: ArgumentHelp("Answer without prompts, for scripts: comma-separated, one per question.", valueName: "list"))
    var answers: String?

    func run() async throws {
        let catalog = try course.loadCatalog()
        let store = try LearnerRecord.open()
        let now = try LearnerRecord.now()
        let cards = try stored { try store.reviewCards() }
        guard !cards.isEmpty else {
            print("Nothing to review: questions you miss in a quiz come back here. Take one with `redislings quiz LESSON`.")
            return
        }
        let asked = all ? cards : cards.filter { $0.isDue(at: now) }
        guard !asked.isEmpty else {
            let next = cards.map(\.dueAt).min() ?? now
            print("Nothing is due. \(Self.count(cards.count)) in your boxes; the next is due \(QuizText.day(next)).")
            print("`redislings review --all` asks them now.")
            return
        }
        let due = asked.filter { $0.isDue(at: now) }.count
        print("Review: \(Self.count(asked.count))\(all ? " (\(due) due)" : " due").")
        let source = AnswerSource(answers: answers, showPrompt: true)
        let grader = AnswerGrader(judge: CommandAnswerJudge(backend: SimulatorBackend()))
        var right = 0, done = 0
        for card in asked {
            guard let lesson = catalog.lesson(matching: card.lesson),
                  let question = lesson.quiz?.questions.first(where: { $0.number == card.question }) else {
                print("\nSkipped: question \(card.question) of \(card.lesson) is no longer in the course (`redislings reset \(card.lesson)` forgets it).")
                continue
            }
            let started = ContinuousClock.now
            let presented = PresentedQuestion(question, shuffleSeed: nil)
            print(QuizText.question(presented, heading: "Lesson \(lesson.paddedNumber), question \(question.number) (box \(card.box))"), terminator: "")
            var feedback: QuizFeedback?
            while feedback == nil {
                guard let typed = source.next(prompt: "answer> ") else { break }
                switch await grader.grade(typed, to: presented) {
                case .success(let graded): feedback = graded
                case .failure(let problem):
                    if source.isListed {
                        throw CommandLineError(message: "The answer '\(typed)' cannot be read: \(problem).", help: "Give letters (B, or AC for several) or a command.")
                    }
                    print("  \(problem.message.prefix(1).uppercased() + problem.message.dropFirst()).")
                }
            }
            guard let feedback else {
                print("\nStopped after \(done) of \(asked.count); the rest stay due.")
                break
            }
            let moved = try stored { try store.recordReview(lesson: card.lesson, question: card.question, correct: feedback.isCorrect, at: now) }
            let elapsed = ContinuousClock.now - started
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            try? store.recordTimeSpent(lesson: card.lesson, activity: "review", seconds: seconds, endingAt: now)
            print(QuizText.feedback(feedback), terminator: "")
            print("  → box \(moved.box), next due \(QuizText.day(moved.dueAt)).")
            fflush(nil)
            done += 1
            if feedback.isCorrect { right += 1 }
        }
        if done == asked.count { print("\nReviewed \(done): \(right) right.") }
    }

    private static func count(_ number: Int) -> String { number == 1 ? "1 question" : "\(number) questions" }

    private func stored<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ProgressStoreError {
            throw CommandLineError(message: error.description + ".", help: error.remedy + ".")
        }
    }
}
