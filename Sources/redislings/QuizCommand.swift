import ArgumentParser
import Basics
import CourseProgress
import Foundation
@preconcurrency import Glibc
import LessonKit
import Quizzes
import RedisBackends

/// `redislings quiz LESSON`: the lesson's quiz, one question at a time, saved as it goes.
struct QuizCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quiz",
        abstract: "Take a lesson's quiz, one question at a time; stop any time and resume later.",
        discussion: """
            Answer with an option's letter (several for questions with more than one right answer: \
            A,C or AC), or with a Redis command where one is asked for: it is run on a fresh \
            simulator next to the expected one, so any command with the same effect is right. \
            Type q (or Ctrl-D) to stop; your answers are kept and `redislings quiz LESSON` resumes.
            """)

    @OptionGroup var course: CourseOptions

    @Argument(help: "The lesson: its number (14), slug or canonical id.")
    var lesson: String

    @Flag(help: "Shuffle each question's options (the letters in the feedback follow the shuffled order).")
    var shuffle = false

    @Option(help: "The shuffle's seed, to get the same order again (implies --shuffle).")
    var seed: UInt64?

    @Option(help: ArgumentHelp(
        "Answer without prompts, for scripts: comma-separated, one per question still to answer (B,AC,SET k v).",
        valueName: "list"))
    var answers: String?

    @Flag(help: "Print the results as JSON (the shape exercise results use) instead of text.")
    var json = false

    @Flag(help: "Set aside an unfinished attempt and start again.")
    var restart = false

    func run() async throws {
        let catalog = try course.loadCatalog()
        guard let found = catalog.lesson(matching: lesson) else { throw LessonLookupError.unknown(lesson, in: catalog) }
        guard let quiz = found.quiz, !quiz.questions.isEmpty else {
            throw CommandLineError(
                message: "Lesson \(found.paddedNumber) (\(found.title)) has no quiz.",
                help: "Quizzes are the `## Quiz` section of a lesson; `redislings list --json` shows how many questions each has.")
        }
        let store = try LearnerRecord.open()
        let source = AnswerSource(answers: answers, showPrompt: !json)
        let attempt = try chooseAttempt(for: found, questionCount: quiz.questions.count, store: store, source: source)
        var session = QuizSession(
            lesson: found, shuffleSeed: attempt.shuffleSeed,
            given: (attempt.saved?.answers ?? []).map { GivenAnswer(question: $0.question, answer: $0.answer, isCorrect: $0.correct) },
            grader: AnswerGrader(judge: CommandAnswerJudge(backend: SimulatorBackend())))
        let started = ContinuousClock.now
        defer {
            let elapsed = ContinuousClock.now - started
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            try? store.recordTimeSpent(lesson: found.progressKey, activity: "quiz", seconds: seconds, endingAt: (try? LearnerRecord.now()) ?? Date())
        }
        if !json {
            let resumed = session.answers.isEmpty ? "" : " Resuming: \(session.answers.count) of \(session.maxScore) answered."
            print("Lesson \(found.paddedNumber) quiz: \(found.title) — \(session.maxScore) questions.\(resumed)")
            if let seed = attempt.shuffleSeed { print("Options shuffled with seed \(seed) (--seed \(seed) shows them in this order again).") }
            if source.isTerminal { print("Type q or press Ctrl-D to stop; your answers are kept.") }
        }
        try await ask(&session, attempt: attempt, source: source)
        if session.isFinished, let saved = attempt.saved, saved.finishedAt == nil {
            try save { try store.finishQuizAttempt(attemptID: saved.id, score: session.score, at: try LearnerRecord.now()) }
        }
        if json {
            print(try Self.encode(await QuizResults(session, attemptID: attempt.saved?.id)))
        } else {
            printEnding(session)
        }
    }

    /// The attempt to continue: the unfinished one (asking first on a terminal), else a new one
    /// that is saved with its first answer.
    private func chooseAttempt(for lesson: Lesson, questionCount: Int, store: ProgressStore, source: AnswerSource) throws -> PendingAttempt {
        let now = try LearnerRecord.now()
        if let unfinished = try save({ try store.unfinishedQuizAttempt(lesson: lesson.progressKey) }) {
            var resume = !restart
            if resume && source.isTerminal && !json {
                print("You have an unfinished attempt (\(unfinished.answers.count) of \(unfinished.questionCount) answered, started \(QuizText.day(unfinished.startedAt))).")
                print("Resume it? [Y/n] ", terminator: "")
                let reply = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? "y"
                resume = reply.isEmpty || reply.hasPrefix("y")
            }
            if resume {
                if (shuffle || seed != nil) && seed != unfinished.shuffleSeed && !json {
                    print("note: resuming with the option order of the first session.")
                }
                return PendingAttempt(store: store, lesson: lesson.progressKey, questionCount: questionCount, shuffleSeed: unfinished.shuffleSeed, saved: unfinished)
            }
            try save { try store.abandonQuizAttempt(attemptID: unfinished.id, at: now) }
        }
        let shuffleSeed = seed ?? (shuffle ? UInt64.random(in: 1...999_999) : nil)
        return PendingAttempt(store: store, lesson: lesson.progressKey, questionCount: questionCount, shuffleSeed: shuffleSeed, saved: nil)
    }

    /// Asks the remaining questions, saving each answer as soon as it is graded.
    private func ask(_ session: inout QuizSession, attempt: PendingAttempt, source: AnswerSource) async throws {
        while let question = session.next {
            if !json { print(QuizText.question(question, heading: "Question \(session.position(of: question)) of \(session.maxScore)"), terminator: "") }
            var feedback: QuizFeedback?
            while feedback == nil {
                guard let typed = source.next(prompt: "answer> ") else {
                    if !json {
                        print(session.answers.isEmpty
                            ? "\nStopped before the first answer; nothing was saved."
                            : "\nStopped with \(session.answers.count) of \(session.maxScore) answered; `redislings quiz \(lesson)` resumes.")
                    }
                    return
                }
                switch await session.answer(typed) {
                case .failure(let problem):
                    if source.isListed {
                        throw CommandLineError(
                            message: "The answer '\(typed)' to question \(question.question.number) cannot be read: \(problem).",
                            help: "Give letters (B, or AC for several) or a command; the answers before it were saved.")
                    }
                    print("  \(problem.message.prefix(1).uppercased() + problem.message.dropFirst()).")
                case .success(let graded):
                    feedback = graded
                }
            }
            guard let feedback else { return }
            try save {
                let now = try LearnerRecord.now()
                try attempt.store.recordQuizAnswer(
                    attemptID: try attempt.id(at: now), question: feedback.question, answer: feedback.storedAnswer,
                    correct: feedback.isCorrect, at: now)
            }
            if !json {
                print(QuizText.feedback(feedback), terminator: "")
                // Shown only once saved, and shown at once even when the output is a pipe or a file.
                fflush(nil)
            }
        }
    }

    private func printEnding(_ session: QuizSession) {
        guard session.isFinished else { return }
        let percent = session.maxScore == 0 ? 0 : session.score * 100 / session.maxScore
        print("\nScore: \(session.score)/\(session.maxScore) (\(percent)%)")
        let missed = session.missed
        guard !missed.isEmpty else {
            print("Every answer right.")
            return
        }
        print("Missed:")
        for question in missed {
            print("  Question \(question.question.number): \(QuizText.summary(of: question.question.prompt)) (answer: \(question.shownAnswer))")
        }
        print("They are in your review boxes: `redislings review` asks them again from tomorrow.")
    }

    /// Runs a store operation, turning its error into a command-line error.
    private func save<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ProgressStoreError {
            throw CommandLineError(message: error.description + ".", help: error.remedy + ".")
        }
    }

    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
