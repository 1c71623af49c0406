import Foundation
import GRDB

extension ProgressStore {
    /// Review cards, due ones first (earliest due, then lowest box); only those due by `date` when given.
    public func reviewCards(dueBy date: Date? = nil) throws(ProgressStoreError) -> [ReviewCard] {
        try read { db in
            let filter = date == nil ? "" : " WHERE due_at <= ?"
            let arguments: StatementArguments = date.map { [$0] } ?? []
            return try Row.fetchAll(
                db, sql: "SELECT * FROM review_card\(filter) ORDER BY due_at, box, lesson, question", arguments: arguments
            ).map(Self.card)
        }
    }

    /// Records a review of `lesson`'s `question`: right moves it up a box, wrong back to the
    /// first; returns the card as it now is.
    @discardableResult
    public func recordReview(lesson: String, question: Int, correct: Bool, at date: Date) throws(ProgressStoreError) -> ReviewCard {
        try write { db in
            let current = try Row.fetchOne(
                db, sql: "SELECT * FROM review_card WHERE lesson = ? AND question = ?", arguments: [lesson, question]
            ).map(Self.card)
            let box = LeitnerSchedule.box(after: current?.box ?? 1, correct: correct)
            let card = ReviewCard(
                lesson: lesson, question: question, box: box, dueAt: LeitnerSchedule.due(inBox: box, after: date),
                reviews: (current?.reviews ?? 0) + 1, lapses: (current?.lapses ?? 0) + (correct ? 0 : 1))
            try db.execute(
                sql: """
                    INSERT INTO review_card (lesson, question, box, due_at, reviews, lapses, last_reviewed_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (lesson, question) DO UPDATE SET
                        box = excluded.box, due_at = excluded.due_at, reviews = excluded.reviews,
                        lapses = excluded.lapses, last_reviewed_at = excluded.last_reviewed_at
                    """,
                arguments: [lesson, question, card.box, card.dueAt, card.reviews, card.lapses, date])
            return card
        }
    }

    /// Puts a missed quiz question in the first box (a new card, or one sent back).
    static func sendToFirstBox(_ db: Database, lesson: String, question: Int, at date: Date) throws {
        try db.execute(
            sql: """
                INSERT INTO review_card (lesson, question, box, due_at, reviews, lapses) VALUES (?, ?, 1, ?, 0, 1)
                ON CONFLICT (lesson, question) DO UPDATE SET box = 1, due_at = excluded.due_at, lapses = lapses + 1
                """,
            arguments: [lesson, question, LeitnerSchedule.due(inBox: 1, after: date)])
    }

    static func card(_ row: Row) -> ReviewCard {
        ReviewCard(
            lesson: row["lesson"], question: row["question"], box: row["box"], dueAt: row["due_at"],
            reviews: row["reviews"], lapses: row["lapses"])
    }
}
