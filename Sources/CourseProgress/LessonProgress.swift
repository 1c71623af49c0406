import Foundation
import GRDB

/// What the progress report needs to know about a lesson of the course.
public struct LessonOutline: Sendable, Equatable {
    /// The key progress is recorded under (canonical id).
    public var key: String
    /// The number of quiz questions.
    public var quizQuestions: Int
    /// The number of exercises in the exercise catalog; nil when unknown (then the exercises
    /// recorded for the lesson are counted).
    public var exerciseTotal: Int?

    /// An outline.
    public init(key: String, quizQuestions: Int, exerciseTotal: Int?) {
        self.key = key
        self.quizQuestions = quizQuestions
        self.exerciseTotal = exerciseTotal
    }
}

/// One lesson's progress.
public struct LessonProgress: Sendable, Equatable {
    /// The lesson's key (canonical id).
    public var key: String
    /// When it was last read, if ever.
    public var lastRead: Date?
    /// Exercises passed at least once.
    public var exercisesPassed: Int
    /// Exercises in all (see `LessonOutline.exerciseTotal`).
    public var exercisesTotal: Int
    /// Hints used across the lesson's exercises.
    public var hintsUsed: Int
    /// The best score of a finished quiz attempt.
    public var bestQuizScore: Int?
    /// The quiz's maximum score.
    public var quizMaxScore: Int
    /// Finished quiz attempts, oldest first, with their scores (scores over time).
    public var quizScores: [(date: Date, score: Int)]
    /// The unfinished attempt's answered count, if one is waiting.
    public var unfinishedQuizAnswered: Int?
    /// Review cards of this lesson, and how many are due.
    public var reviewCards: Int
    public var reviewsDue: Int
    /// Seconds spent on the lesson's activities.
    public var secondsSpent: Double

    public static func == (lhs: LessonProgress, rhs: LessonProgress) -> Bool {
        lhs.key == rhs.key && lhs.lastRead == rhs.lastRead && lhs.exercisesPassed == rhs.exercisesPassed
            && lhs.exercisesTotal == rhs.exercisesTotal && lhs.hintsUsed == rhs.hintsUsed
            && lhs.bestQuizScore == rhs.bestQuizScore && lhs.quizMaxScore == rhs.quizMaxScore
            && lhs.quizScores.map(\.date) == rhs.quizScores.map(\.date) && lhs.quizScores.map(\.score) == rhs.quizScores.map(\.score)
            && lhs.unfinishedQuizAnswered == rhs.unfinishedQuizAnswered && lhs.reviewCards == rhs.reviewCards
            && lhs.reviewsDue == rhs.reviewsDue && lhs.secondsSpent == rhs.secondsSpent
    }
}

extension ProgressStore {
    /// Each lesson's progress at `date`, in the order given.
    public func progress(of lessons: [LessonOutline], at date: Date) throws(ProgressStoreError) -> [LessonProgress] {
        let reads = try lessonsRead()
        let time = try timeSpent()
        let results = try exerciseResults()
        let attempts = try quizAttempts()
        let cards = try reviewCards()
        let hints = try read { db in
            try [String: Int](uniqueKeysWithValues: Row.fetchAll(
                db, sql: """
                    SELECT r.lesson AS lesson, COUNT(*) AS count FROM hint_use h
                    JOIN (SELECT DISTINCT exercise_id, lesson FROM exercise_result) r ON r.exercise_id = h.exercise_id
                    GROUP BY r.lesson
                    """
            ).map { ($0["lesson"], $0["count"]) })
        }
        return lessons.map { outline in
            let mine = results.filter { $0.lesson == outline.key }
            let passed = Set(mine.filter(\.passed).map(\.exerciseID)).count
            let finished = attempts.filter { $0.lesson == outline.key && $0.isFinished }
            let unfinished = attempts.last { $0.lesson == outline.key && !$0.isFinished }
            let lessonCards = cards.filter { $0.lesson == outline.key }
            return LessonProgress(
                key: outline.key, lastRead: reads[outline.key], exercisesPassed: passed,
                exercisesTotal: outline.exerciseTotal ?? Set(mine.map(\.exerciseID)).count, hintsUsed: hints[outline.key] ?? 0,
                bestQuizScore: finished.compactMap(\.score).max(), quizMaxScore: outline.quizQuestions,
                quizScores: finished.compactMap { attempt in attempt.score.map { (attempt.finishedAt ?? attempt.startedAt, $0) } },
                unfinishedQuizAnswered: unfinished?.answers.count, reviewCards: lessonCards.count,
                reviewsDue: lessonCards.filter { $0.isDue(at: date) }.count, secondsSpent: time[outline.key] ?? 0)
        }
    }
}
