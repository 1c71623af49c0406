import ArgumentParser
import Basics
import CourseProgress
import Foundation
import LessonKit
import Quizzes

/// `redislings progress`: per lesson, what is done and what to do next.
struct ProgressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "progress",
        abstract: "Show your progress per lesson: exercises, best quiz score, time spent, what to do next.")

    @OptionGroup var course: CourseOptions

    @Flag(help: "Print the progress as JSON.")
    var json = false

    func run() throws {
        let catalog = try course.loadCatalog()
        let store = try LearnerRecord.open()
        let now = try LearnerRecord.now()
        // Each lesson's exercises from the catalog; without one, nil makes the store count the
        // exercises recorded for the lesson.
        let exerciseTotals = ExerciseProgress.totals(lessons: catalog, lessonsOption: course.lessons) ?? [:]
        let outlines = catalog.lessons.map {
            LessonOutline(key: $0.progressKey, quizQuestions: $0.quiz?.questions.count ?? 0, exerciseTotal: exerciseTotals[$0.progressKey])
        }
        let progress: [LessonProgress]
        let dueTotal: Int
        do {
            progress = try store.progress(of: outlines, at: now)
            dueTotal = try store.reviewCards(dueBy: now).count
        } catch {
            throw CommandLineError(message: error.description + ".", help: error.remedy + ".")
        }
        let rows = zip(catalog.lessons, progress).map { ProgressRow(lesson: $0, progress: $1) }
        if json {
            print(try QuizCommand.encode(ProgressJSON(database: store.path, reviewsDue: dueTotal, lessons: rows.map(ProgressJSON.Lesson.init))))
        } else {
            print(ProgressRow.render(rows, database: store.path, reviewsDue: dueTotal))
        }
    }
}

/// One lesson's line in the report, with the next step worked out.
struct ProgressRow {
    let lesson: Lesson
    let progress: LessonProgress

    /// What the learner should do next in this lesson, as a command; nil when it is done.
    var nextStep: String? {
        let number = lesson.paddedNumber
        if let answered = progress.unfinishedQuizAnswered {
            return "redislings quiz \(number)    (resume: \(answered) of \(progress.quizMaxScore) answered)"
        }
        if progress.lastRead == nil { return "redislings show \(number)    (read the lesson)" }
        if progress.exercisesPassed < progress.exercisesTotal {
            return "redislings learn \(number)    (\(count(progress.exercisesTotal - progress.exercisesPassed, "exercise")) to pass)"
        }
        if progress.quizMaxScore > 0 && progress.bestQuizScore == nil { return "redislings quiz \(number)    (take the quiz)" }
        if progress.reviewsDue > 0 { return "redislings review    (\(progress.reviewsDue) due)" }
        if let best = progress.bestQuizScore, best < progress.quizMaxScore { return "redislings quiz \(number)    (try for \(progress.quizMaxScore)/\(progress.quizMaxScore))" }
        return nil
    }

    /// `[######----] 3/5` for exercises.
    var exerciseBar: String {
        let width = 10
        let total = progress.exercisesTotal
        let filled = total == 0 ? 0 : min(width, progress.exercisesPassed * width / total)
        return "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "] \(progress.exercisesPassed)/\(total)"
    }

    /// The best quiz score as `18/21 (85%)`, or `not taken`.
    var quizText: String {
        guard progress.quizMaxScore > 0 else { return "no quiz" }
        guard let best = progress.bestQuizScore else { return "not taken" }
        return "\(best)/\(progress.quizMaxScore) (\(best * 100 / progress.quizMaxScore)%)"
    }

    /// The one thing to do next: finish a quiz begun, then due reviews, then the first lesson not done.
    static func nextStep(_ rows: [ProgressRow], reviewsDue: Int) -> String? {
        if let resume = rows.first(where: { $0.progress.unfinishedQuizAnswered != nil }) { return resume.nextStep }
        if reviewsDue > 0 { return "redislings review    (\(reviewsDue) due)" }
        return rows.lazy.compactMap(\.nextStep).first
    }

    static func render(_ rows: [ProgressRow], database: String, reviewsDue: Int) -> String {
        var lines = ["Your progress (kept in \(database)):", ""]
        for row in rows {
            let read = row.progress.lastRead == nil ? "not yet" : "yes"
            lines.append("\(row.lesson.paddedNumber)  \(row.lesson.title)")
            lines.append("    read: \(read)   exercises \(row.exerciseBar)   quiz best: \(row.quizText)   time: \(QuizText.duration(row.progress.secondsSpent))")
            if row.progress.hintsUsed > 0 { lines.append("    hints used: \(row.progress.hintsUsed)") }
            if row.progress.reviewCards > 0 {
                lines.append("    review: \(row.progress.reviewCards) questions in your boxes, \(row.progress.reviewsDue) due")
            }
            lines.append("    next: \(row.nextStep ?? "done — nothing left here")")
            lines.append("")
        }
        if reviewsDue > 0 { lines.append("\(reviewsDue) review questions are due: redislings review") }
        if let next = nextStep(rows, reviewsDue: reviewsDue) { lines.append("Next: \(next)") } else { lines.append("Every lesson is done.") }
        return lines.joined(separator: "\n")
    }
}

/// `progress --json`.
struct ProgressJSON: Encodable {
    struct Lesson: Encodable {
        let number: Int
        let slug: String
        let canonicalID: String
        let title: String
        let read: Bool
        let lastRead: Date?
        let exercisesPassed: Int
        let exercisesTotal: Int
        let hintsUsed: Int
        let quizBestScore: Int?
        let quizMaxScore: Int
        let quizScores: [Score]
        let quizUnfinishedAnswered: Int?
        let reviewCards: Int
        let reviewsDue: Int
        let secondsSpent: Double
        let next: String?

        struct Score: Encodable {
            let date: Date
            let score: Int
        }

        enum CodingKeys: String, CodingKey {
            case number, slug, title, read, next
            case canonicalID = "canonical_id"
            case lastRead = "last_read"
            case exercisesPassed = "exercises_passed"
            case exercisesTotal = "exercises_total"
            case hintsUsed = "hints_used"
            case quizBestScore = "quiz_best_score"
            case quizMaxScore = "quiz_max_score"
            case quizScores = "quiz_scores"
            case quizUnfinishedAnswered = "quiz_unfinished_answered"
            case reviewCards = "review_cards"
            case reviewsDue = "reviews_due"
            case secondsSpent = "seconds_spent"
        }

        init(_ row: ProgressRow) {
            let progress = row.progress
            number = row.lesson.number
            slug = row.lesson.slug
            canonicalID = row.lesson.progressKey
            title = row.lesson.title
            read = progress.lastRead != nil
            lastRead = progress.lastRead
            exercisesPassed = progress.exercisesPassed
            exercisesTotal = progress.exercisesTotal
            hintsUsed = progress.hintsUsed
            quizBestScore = progress.bestQuizScore
            quizMaxScore = progress.quizMaxScore
            quizScores = progress.quizScores.map { Score(date: $0.date, score: $0.score) }
            quizUnfinishedAnswered = progress.unfinishedQuizAnswered
            reviewCards = progress.reviewCards
            reviewsDue = progress.reviewsDue
            secondsSpent = progress.secondsSpent
            next = row.nextStep
        }
    }

    let database: String
    let reviewsDue: Int
    let lessons: [Lesson]

    enum CodingKeys: String, CodingKey {
        case database, lessons
        case reviewsDue = "reviews_due"
    }
}
