import Foundation
import GRDB

extension ProgressStore {
    /// Records one graded run of exercise `exerciseID` of lesson `lesson` (canonical id).
    public func recordExerciseResult(
        exerciseID: String, lesson: String, score: Int, maxScore: Int, passed: Bool, at date: Date
    ) throws(ProgressStoreError) {
        try write { db in
            try db.execute(
                sql: """
                    INSERT INTO exercise_result (exercise_id, lesson, score, max_score, passed, recorded_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [exerciseID, lesson, score, maxScore, passed, date])
        }
    }

    /// Records that the learner asked for hint `tier` (1 = nudge, …) of `exerciseID`.
    public func recordHintUsed(exerciseID: String, tier: Int, at date: Date) throws(ProgressStoreError) {
        try write { db in
            try db.execute(
                sql: "INSERT INTO hint_use (exercise_id, tier, used_at) VALUES (?, ?, ?)", arguments: [exerciseID, tier, date])
        }
    }

    /// The distinct hint tiers used for `exerciseID`, in ascending order.
    public func hintsUsed(exerciseID: String) throws(ProgressStoreError) -> [Int] {
        try read { db in
            try Int.fetchAll(db, sql: "SELECT DISTINCT tier FROM hint_use WHERE exercise_id = ? ORDER BY tier", arguments: [exerciseID])
        }
    }

    /// Every recorded run, oldest first; only `lesson`'s or `exerciseID`'s when given.
    public func exerciseResults(lesson: String? = nil, exerciseID: String? = nil) throws(ProgressStoreError) -> [ExerciseAttempt] {
        try read { db in
            var conditions: [String] = []
            var arguments: StatementArguments = []
            if let lesson { conditions.append("lesson = ?"); arguments += [lesson] }
            if let exerciseID { conditions.append("exercise_id = ?"); arguments += [exerciseID] }
            let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
            return try Row.fetchAll(
                db, sql: "SELECT * FROM exercise_result\(filter) ORDER BY recorded_at, id", arguments: arguments
            ).map { row in
                ExerciseAttempt(
                    exerciseID: row["exercise_id"], lesson: row["lesson"], score: row["score"], maxScore: row["max_score"],
                    passed: row["passed"], recordedAt: row["recorded_at"])
            }
        }
    }

    /// Whether anything is recorded about exercise `exerciseID` (results or hints).
    public func knowsExercise(_ exerciseID: String) throws(ProgressStoreError) -> Bool {
        try read { db in
            try Bool.fetchOne(
                db,
                sql: """
                    SELECT EXISTS (SELECT 1 FROM exercise_result WHERE exercise_id = ?)
                        OR EXISTS (SELECT 1 FROM hint_use WHERE exercise_id = ?)
                    """,
                arguments: [exerciseID, exerciseID]) ?? false
        }
    }
}
