import CourseProgress
import Foundation
import GRDB

/// The instructor's gradebook in SQLite: every grading run, every grade it gave, and manual
/// overrides that outlive re-grading. Each write is one transaction, so a crash mid-run
/// leaves the previous runs intact.
public final class GradebookStore: Sendable {
    private let database: DatabaseQueue
    /// The database file.
    public let url: URL

    /// Opens (creating if needed) the progress database at `url`: the progress store checks
    /// it and applies every migration, the gradebook's included, then the gradebook keeps a
    /// connection of its own.
    public init(url: URL) throws {
        self.url = url
        do {
            _ = try ProgressStore(path: url.path)
        } catch {
            throw GradingError(error.description, help: error.remedy)
        }
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(5)
        do {
            database = try DatabaseQueue(path: url.path, configuration: configuration)
        } catch {
            throw GradingError("cannot open the gradebook \(url.path): \(error)", help: "Check that the folder is writable, or set REDISLINGS_HOME to another folder.")
        }
    }

    /// The gradebook in the progress database the environment chooses (see `ProgressLocation`).
    public static func openDefault(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> GradebookStore {
        try GradebookStore(url: URL(fileURLWithPath: ProgressLocation.databasePath(environment: environment)))
    }

    /// Records a run and its grades; returns the run with its id.
    @discardableResult
    public func record(_ results: ClassResults, run: GradingRun) throws -> GradingRun {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        return try write { db in
            var saved = run
            saved.graded = results.students.reduce(0) { $0 + $1.exercises.count }
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
            for student in results.students {
                for grade in student.exercises {
                    // The graded score is stored; overrides live in their own table and are applied on reading.
                    var stored = grade
                    if grade.override != nil {
                        stored.override = nil
                        stored.score = LatePolicy(deadline: run.deadline, percentPerDay: run.latePenaltyPercentPerDay)
                            .apply(to: grade.rawScore, daysLate: grade.daysLate)
                    }
                    let detail = String(decoding: try encoder.encode(stored), as: UTF8.self)
                    try db.execute(
                        sql: "INSERT INTO grade (run_id, student, exercise, status, score, max_score, detail) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        arguments: [saved.id, student.student, grade.exercise, grade.status.rawValue, stored.score, grade.maxScore, detail])
                }
            }
            return saved
        }
    }

    /// The runs recorded for `className` (every class when nil), oldest first.
    public func runs(className: String? = nil) throws -> [GradingRun] {
        try read { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT * FROM grading_run WHERE ? IS NULL OR class = ? ORDER BY id", arguments: [className, className])
            return rows.map { row in
                GradingRun(
                    id: row["id"], className: row["class"], startedAt: row["started_at"], submissions: row["submissions"],
                    exercises: (row["exercises"] as String).split(separator: "\n").map(String.init), deadline: row["deadline"],
                    latePenaltyPercentPerDay: row["late_penalty_percent_per_day"], backend: row["backend"], graded: row["graded"])
            }
        }
    }

    /// The classes that have runs, sorted.
    public func classes() throws -> [String] {
        try read { db in try String.fetchAll(db, sql: "SELECT DISTINCT class FROM grading_run ORDER BY class") }
    }

    /// The overrides in force for `className`.
    public func overrides(className: String) throws -> [GradeKey: GradeOverride] {
        try read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM grade_override WHERE class = ?", arguments: [className])
            var overrides: [GradeKey: GradeOverride] = [:]
            for row in rows {
                overrides[GradeKey(student: row["student"], exercise: row["exercise"])] =
                    GradeOverride(score: row["score"], comment: row["comment"], createdAt: row["created_at"])
            }
            return overrides
        }
    }

    /// Sets the grade of `key` by hand. The cell must have been graded (so a typo in a name is
    /// caught) and `score` must lie between 0 and the exercise's points.
    public func setOverride(className: String, key: GradeKey, score: Double, comment: String, now: Date = Date()) throws {
        let trimmed = comment.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            throw GradingError("an override needs a comment saying why", help: "Add --comment \"…\" with the reason.")
        }
        try write { db in
            guard let maxScore = try Double.fetchOne(
                db,
                sql: """
                    SELECT g.max_score FROM grade g JOIN grading_run r ON r.id = g.run_id
                    WHERE r.class = ? AND g.student = ? AND g.exercise = ? ORDER BY g.run_id DESC LIMIT 1
                    """,
                arguments: [className, key.student, key.exercise])
            else {
                throw GradingError(
                    "\(key.student) has no grade for \(key.exercise) in class \(className)",
                    help: "Grade the class first, or check the names with `redislings gradebook export --class \(className)`.")
            }
            guard score.isFinite, score >= 0, score <= maxScore else {
                throw GradingError(
                    "\(ReportText.points(score)) is not a score for \(key.exercise), which is worth \(ReportText.points(maxScore)) points",
                    help: "Give a score from 0 to \(ReportText.points(maxScore)).")
            }
            try db.execute(
                sql: "INSERT OR REPLACE INTO grade_override (class, student, exercise, score, comment, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [className, key.student, key.exercise, score, trimmed, now])
        }
    }

    /// Removes the override of `key`; returns false when there was none.
    @discardableResult
    public func removeOverride(className: String, key: GradeKey) throws -> Bool {
        try write { db in
            try db.execute(
                sql: "DELETE FROM grade_override WHERE class = ? AND student = ? AND exercise = ?",
                arguments: [className, key.student, key.exercise])
            return db.changesCount > 0
        }
    }

    /// The current gradebook of `className`: the latest grade of every cell, overrides applied.
    public func gradebook(className: String) throws -> Gradebook {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let (rows, runs) = try read { db in
            let details = try String.fetchAll(
                db,
                sql: """
                    SELECT g.detail FROM grade g JOIN grading_run r ON r.id = g.run_id
                    WHERE r.class = ? AND g.run_id = (
                        SELECT MAX(g2.run_id) FROM grade g2 JOIN grading_run r2 ON r2.id = g2.run_id
                        WHERE r2.class = r.class AND g2.student = g.student AND g2.exercise = g.exercise)
                    ORDER BY g.student
                    """,
                arguments: [className])
            return (details, try String.fetchAll(db, sql: "SELECT exercises FROM grading_run WHERE class = ? ORDER BY id", arguments: [className]))
        }
        var exercises: [String] = []
        for list in runs {
            for id in list.split(separator: "\n").map(String.init) where !exercises.contains(id) { exercises.append(id) }
        }
        let overrides = try self.overrides(className: className)
        var grades: [String: [ExerciseGrade]] = [:]
        for detail in rows {
            let grade = try decoder.decode(ExerciseGrade.self, from: Data(detail.utf8))
            grades[grade.student, default: []].append(grade.overridden(by: overrides[GradeKey(student: grade.student, exercise: grade.exercise)]))
        }
        let position = Dictionary(exercises.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let students = grades.keys.sorted().map { name in
            StudentResult(student: name, exercises: grades[name]!.sorted { (position[$0.exercise] ?? 0) < (position[$1.exercise] ?? 0) })
        }
        return Gradebook(className: className, exercises: exercises, students: students)
    }

    private func read<T: Sendable>(_ body: @Sendable (Database) throws -> T) throws -> T {
        do { return try database.read(body) } catch let error as GradingError { throw error } catch {
            throw GradingError("cannot read the gradebook \(url.path): \(error)", help: "Check the file; it is a SQLite database.")
        }
    }

    private func write<T: Sendable>(_ body: @Sendable (Database) throws -> T) throws -> T {
        do { return try database.write(body) } catch let error as GradingError { throw error } catch {
            throw GradingError("cannot write the gradebook \(url.path): \(error)", help: "Check that the file is writable and not locked by another program.")
        }
    }
}
