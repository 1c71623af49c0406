import Foundation
import GRDB

extension ProgressStore {
    /// Starts a new attempt at `lesson`'s quiz of `questionCount` questions.
    public func startQuizAttempt(lesson: String, questionCount: Int, shuffleSeed: UInt64?, at date: Date) throws(ProgressStoreError) -> QuizAttempt {
        let id = try write { db in
            try db.execute(
                sql: "INSERT INTO quiz_attempt (lesson, question_count, shuffle_seed, started_at) VALUES (?, ?, ?, ?)",
                arguments: [lesson, questionCount, shuffleSeed.map { Int64(bitPattern: $0) }, date])
            return db.lastInsertedRowID
        }
        return QuizAttempt(
            id: id, lesson: lesson, questionCount: questionCount, shuffleSeed: shuffleSeed, startedAt: date,
            finishedAt: nil, score: nil, answers: [])
    }

    /// Saves one answer of attempt `attemptID`. A wrong answer also puts the question in the
    /// first review box, in the same transaction.
    public func recordQuizAnswer(attemptID: Int64, question: Int, answer: String, correct: Bool, at date: Date) throws(ProgressStoreError) {
        try write { db in
            guard let lesson = try String.fetchOne(db, sql: "SELECT lesson FROM quiz_attempt WHERE id = ?", arguments: [attemptID]) else {
                throw ProgressStoreError(
                    path: path, problem: "quiz attempt \(attemptID) is not in the database",
                    remedy: "start the quiz again; the attempt was reset while you answered")
            }
            try db.execute(
                sql: "INSERT INTO quiz_answer (attempt_id, question, answer, correct, answered_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [attemptID, question, answer, correct, date])
            if !correct { try Self.sendToFirstBox(db, lesson: lesson, question: question, at: date) }
        }
    }

    /// Marks attempt `attemptID` finished with `score` right answers.
    public func finishQuizAttempt(attemptID: Int64, score: Int, at date: Date) throws(ProgressStoreError) {
        try write { db in
            try db.execute(sql: "UPDATE quiz_attempt SET finished_at = ?, score = ? WHERE id = ?", arguments: [date, score, attemptID])
        }
    }

    /// Sets an unfinished attempt aside (the learner chose to start over); its answers stay.
    public func abandonQuizAttempt(attemptID: Int64, at date: Date) throws(ProgressStoreError) {
        try write { db in
            try db.execute(sql: "UPDATE quiz_attempt SET abandoned_at = ? WHERE id = ? AND finished_at IS NULL", arguments: [date, attemptID])
        }
    }

    /// The latest unfinished attempt at `lesson`'s quiz that was not set aside, if any.
    public func unfinishedQuizAttempt(lesson: String) throws(ProgressStoreError) -> QuizAttempt? {
        try read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT * FROM quiz_attempt WHERE lesson = ? AND finished_at IS NULL AND abandoned_at IS NULL
                    ORDER BY started_at DESC, id DESC LIMIT 1
                    """,
                arguments: [lesson]
            ).map { try Self.attempt(from: $0, db) }
        }
    }

    /// Every attempt (not set aside), oldest first; only `lesson`'s when given.
    public func quizAttempts(lesson: String? = nil) throws(ProgressStoreError) -> [QuizAttempt] {
        try read { db in
            let filter = lesson == nil ? "" : " AND lesson = ?"
            let arguments: StatementArguments = lesson.map { [$0] } ?? []
            return try Row.fetchAll(
                db, sql: "SELECT * FROM quiz_attempt WHERE abandoned_at IS NULL\(filter) ORDER BY started_at, id", arguments: arguments
            ).map { try Self.attempt(from: $0, db) }
        }
    }

    static func attempt(from row: Row, _ db: Database) throws -> QuizAttempt {
        let id: Int64 = row["id"]
        let answers = try Row.fetchAll(
            db, sql: "SELECT * FROM quiz_answer WHERE attempt_id = ? ORDER BY answered_at, id", arguments: [id]
        ).map { QuizAnswerRecord(question: $0["question"], answer: $0["answer"], correct: $0["correct"], answeredAt: $0["answered_at"]) }
        let seed: Int64? = row["shuffle_seed"]
        return QuizAttempt(
            id: id, lesson: row["lesson"], questionCount: row["question_count"], shuffleSeed: seed.map { UInt64(bitPattern: $0) },
            startedAt: row["started_at"], finishedAt: row["finished_at"], score: row["score"], answers: answers)
    }
}
