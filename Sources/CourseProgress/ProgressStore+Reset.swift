import GRDB

extension ProgressStore {
    /// Forgets everything recorded, in one transaction. Returns the number of rows removed.
    @discardableResult
    public func resetAll() throws(ProgressStoreError) -> Int {
        try write { db in
            var removed = 0
            for table in ["quiz_answer", "quiz_attempt", "review_card", "lesson_read", "exercise_result", "hint_use", "time_spent"] {
                try db.execute(sql: "DELETE FROM \(table)")
                removed += db.changesCount
            }
            return removed
        }
    }

    /// Forgets `lesson`'s quiz attempts, review cards, reads and time. Returns the rows removed.
    @discardableResult
    public func resetLesson(_ lesson: String) throws(ProgressStoreError) -> Int {
        try write { db in
            var removed = 0
            try db.execute(sql: "DELETE FROM quiz_answer WHERE attempt_id IN (SELECT id FROM quiz_attempt WHERE lesson = ?)", arguments: [lesson])
            removed += db.changesCount
            for table in ["quiz_attempt", "review_card", "lesson_read", "time_spent"] {
                try db.execute(sql: "DELETE FROM \(table) WHERE lesson = ?", arguments: [lesson])
                removed += db.changesCount
            }
            return removed
        }
    }

    /// Forgets exercise `exerciseID`'s results and hints. Returns the rows removed.
    @discardableResult
    public func resetExercise(_ exerciseID: String) throws(ProgressStoreError) -> Int {
        try write { db in
            var removed = 0
            for table in ["exercise_result", "hint_use"] {
                try db.execute(sql: "DELETE FROM \(table) WHERE exercise_id = ?", arguments: [exerciseID])
                removed += db.changesCount
            }
            return removed
        }
    }
}
