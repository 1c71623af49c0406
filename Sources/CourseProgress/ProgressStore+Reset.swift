import GRDB

extension ProgressStore {
    /// Forgets everything recorded, in one transaction. Returns the number of rows removed.
    @discardableResult
    public func resetAll() throws(ProgressStoreError) -> Int {
        try write { db in
            try Self.delete(db, from: ["quiz_answer", "quiz_attempt", "review_card", "lesson_read", "exercise_result", "hint_use", "time_spent"])
        }
    }

    /// Forgets `lesson`'s quiz attempts, review cards, reads and time. Returns the rows removed.
    @discardableResult
    public func resetLesson(_ lesson: String) throws(ProgressStoreError) -> Int {
        try write { db in
            try db.execute(sql: "DELETE FROM quiz_answer WHERE attempt_id IN (SELECT id FROM quiz_attempt WHERE lesson = ?)", arguments: [lesson])
            let answers = db.changesCount
            return try answers + Self.delete(db, from: ["quiz_attempt", "review_card", "lesson_read", "time_spent"], where: "lesson = ?", [lesson])
        }
    }

    /// Forgets exercise `exerciseID`'s results and hints. Returns the rows removed.
    @discardableResult
    public func resetExercise(_ exerciseID: String) throws(ProgressStoreError) -> Int {
        try write { db in
            try Self.delete(db, from: ["exercise_result", "hint_use"], where: "exercise_id = ?", [exerciseID])
        }
    }

    /// Deletes the rows of `tables` that match `condition` (all of them without one), and
    /// returns how many went.
    private static func delete(
        _ db: Database, from tables: [String], where condition: String? = nil, _ arguments: StatementArguments = []
    ) throws -> Int {
        var removed = 0
        for table in tables {
            try db.execute(sql: "DELETE FROM \(table)" + (condition.map { " WHERE " + $0 } ?? ""), arguments: arguments)
            removed += db.changesCount
        }
        return removed
    }
}
