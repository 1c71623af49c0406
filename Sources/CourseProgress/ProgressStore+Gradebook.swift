import Foundation
import GRDB

/// The instructor's gradebook (tables of `ProgressMigrations.gradebookV1`): grading runs, the
/// grades each gave, and manual overrides that outlive re-grading.
extension ProgressStore {
    /// Records `run` and its grades in one transaction; returns the run with its id and count.
    public func recordGradingRun(_ run: GradingRun, grades: [RecordedGrade]) throws(ProgressStoreError) -> GradingRun {
        try write { db in
            var saved = run
            saved.graded = grades.count
            try db.execute(
                sql: """
                    INSERT INTO grading_run (class, started_at, submissions, exercises, deadline, late_penalty_percent_per_day, backend, graded)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    run.className, run.startedAt, run.submissions, run.exercises.joined(separator: "\n"), run.deadline,
                    run.latePenaltyPercentPerDay, run.backend, saved.graded,
                ])
            saved.id = db.lastInsertedRowID
            for grade in grades {
                try db.execute(
                    sql: "INSERT INTO grade (run_id, student, exercise, status, score, max_score, detail) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    arguments: [saved.id, grade.student, grade.exercise, grade.status, grade.score, grade.maxScore, grade.detail])
            }
            return saved
        }
    }

    /// The runs recorded for `className` (every class when nil), oldest first.
    public func gradingRuns(className: String? = nil) throws(ProgressStoreError) -> [GradingRun] {
        try read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM grading_run WHERE ? IS NULL OR class = ? ORDER BY id", arguments: [className, className]
            ).map { row in
                GradingRun(
                    id: row["id"], className: row["class"], startedAt: row["started_at"], submissions: row["submissions"],
                    exercises: Self.exerciseList(row["exercises"]), deadline: row["deadline"],
                    latePenaltyPercentPerDay: row["late_penalty_percent_per_day"], backend: row["backend"], graded: row["graded"])
            }
        }
    }

    /// The classes that have runs, sorted.
    public func gradedClasses() throws(ProgressStoreError) -> [String] {
        try read { db in try String.fetchAll(db, sql: "SELECT DISTINCT class FROM grading_run ORDER BY class") }
    }

    /// The overrides in force for `className`.
    public func gradeOverrides(className: String) throws(ProgressStoreError) -> [RecordedOverride] {
        try read { db in try Self.overrides(db, className: className) }
    }

    /// Stores `override` for its cell of `className` unless the cell was never graded or the
    /// score lies outside 0 and the points of the cell's latest grade.
    public func setGradeOverride(className: String, _ override: RecordedOverride) throws(ProgressStoreError) -> OverrideWrite {
        try write { db in
            guard let maxScore = try Double.fetchOne(
                db,
                sql: """
                    SELECT g.max_score FROM grade g JOIN grading_run r ON r.id = g.run_id
                    WHERE r.class = ? AND g.student = ? AND g.exercise = ? ORDER BY g.run_id DESC LIMIT 1
                    """,
                arguments: [className, override.student, override.exercise])
            else { return .ungraded }
            guard override.score.isFinite, override.score >= 0, override.score <= maxScore else { return .outOfRange(maxScore: maxScore) }
            try db.execute(
                sql: "INSERT OR REPLACE INTO grade_override (class, student, exercise, score, comment, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [className, override.student, override.exercise, override.score, override.comment, override.createdAt])
            return .saved
        }
    }

    /// Removes the override of one cell; returns false when there was none.
    public func removeGradeOverride(className: String, student: String, exercise: String) throws(ProgressStoreError) -> Bool {
        try write { db in
            try db.execute(
                sql: "DELETE FROM grade_override WHERE class = ? AND student = ? AND exercise = ?",
                arguments: [className, student, exercise])
            return db.changesCount > 0
        }
    }

    /// The gradebook of `className` as stored: its exercises, the latest grade of every cell and
    /// the overrides, all from one snapshot.
    public func gradebook(className: String) throws(ProgressStoreError) -> GradebookSnapshot {
        try read { db in
            let latest = try Row.fetchAll(
                db,
                sql: """
                    SELECT g.* FROM grade g JOIN grading_run r ON r.id = g.run_id
                    WHERE r.class = ? AND g.run_id = (
                        SELECT MAX(g2.run_id) FROM grade g2 JOIN grading_run r2 ON r2.id = g2.run_id
                        WHERE r2.class = r.class AND g2.student = g.student AND g2.exercise = g.exercise)
                    ORDER BY g.student
                    """,
                arguments: [className]
            ).map { row in
                RecordedGrade(
                    student: row["student"], exercise: row["exercise"], status: row["status"], score: row["score"],
                    maxScore: row["max_score"], detail: row["detail"])
            }
            var exercises: [String] = []
            for list in try String.fetchAll(db, sql: "SELECT exercises FROM grading_run WHERE class = ? ORDER BY id", arguments: [className]) {
                for id in Self.exerciseList(list) where !exercises.contains(id) { exercises.append(id) }
            }
            return GradebookSnapshot(exercises: exercises, latest: latest, overrides: try Self.overrides(db, className: className))
        }
    }

    private static func overrides(_ db: Database, className: String) throws -> [RecordedOverride] {
        try Row.fetchAll(db, sql: "SELECT * FROM grade_override WHERE class = ?", arguments: [className]).map { row in
            RecordedOverride(
                student: row["student"], exercise: row["exercise"], score: row["score"], comment: row["comment"], createdAt: row["created_at"])
        }
    }

    /// The exercises of a run, stored one per line.
    private static func exerciseList(_ stored: String) -> [String] {
        stored.split(separator: "\n").map(String.init)
    }
}
