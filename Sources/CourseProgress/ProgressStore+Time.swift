import Foundation
import GRDB

extension ProgressStore {
    /// Records `seconds` spent on `activity` (`quiz`, `review`, `exercise`, …) in `lesson`,
    /// ending at `date`. Durations are recorded when an activity ends or pauses.
    public func recordTimeSpent(lesson: String, activity: String, seconds: Double, endingAt date: Date) throws(ProgressStoreError) {
        guard seconds > 0 else { return }
        try write { db in
            try db.execute(
                sql: "INSERT INTO time_spent (lesson, activity, seconds, ended_at) VALUES (?, ?, ?, ?)",
                arguments: [lesson, activity, seconds, date])
        }
    }

    /// The seconds spent on each lesson, all activities together.
    public func timeSpent() throws(ProgressStoreError) -> [String: Double] {
        try read { db in
            var result: [String: Double] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT lesson, SUM(seconds) AS total FROM time_spent GROUP BY lesson") {
                result[row["lesson"]] = row["total"]
            }
            return result
        }
    }
}
