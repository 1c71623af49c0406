import Foundation
import GRDB

extension ProgressStore {
    /// Records that the learner opened lesson `lesson` (its canonical id) at `date`.
    public func recordLessonRead(lesson: String, at date: Date) throws(ProgressStoreError) {
        try write { db in
            try db.execute(sql: "INSERT INTO lesson_read (lesson, read_at) VALUES (?, ?)", arguments: [lesson, date])
        }
    }

    /// When each lesson was last read, by canonical id.
    public func lessonsRead() throws(ProgressStoreError) -> [String: Date] {
        try read { db in
            var result: [String: Date] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT lesson, MAX(read_at) AS last FROM lesson_read GROUP BY lesson") {
                result[row["lesson"]] = row["last"]
            }
            return result
        }
    }
}
