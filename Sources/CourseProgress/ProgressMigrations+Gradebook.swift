import GRDB

extension ProgressMigrations {
    /// The instructor's gradebook (read and written by `ProgressStore+Gradebook`, for Grading):
    /// grading runs, the grades each gave, and manual overrides that outlive re-grading.
    static let gradebookV1 = Step("gradebook-v1", migrate: createGradebookTables)

    @Sendable static func createGradebookTables(_ db: Database) throws {
        try db.create(table: "grading_run") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("class", .text).notNull().indexed()
            t.column("started_at", .datetime).notNull()
            t.column("submissions", .text).notNull()
            t.column("exercises", .text).notNull()
            t.column("deadline", .datetime)
            t.column("late_penalty_percent_per_day", .double).notNull()
            t.column("backend", .text).notNull()
            t.column("graded", .integer).notNull()
        }
        try db.create(table: "grade") { t in
            t.column("run_id", .integer).notNull().references("grading_run", onDelete: .cascade)
            t.column("student", .text).notNull()
            t.column("exercise", .text).notNull()
            t.column("status", .text).notNull()
            t.column("score", .double).notNull()
            t.column("max_score", .double).notNull()
            t.column("detail", .text).notNull()
            t.primaryKey(["run_id", "student", "exercise"])
        }
        try db.create(index: "grade_by_cell", on: "grade", columns: ["student", "exercise", "run_id"])
        try db.create(table: "grade_override") { t in
            t.column("class", .text).notNull()
            t.column("student", .text).notNull()
            t.column("exercise", .text).notNull()
            t.column("score", .double).notNull()
            t.column("comment", .text).notNull()
            t.column("created_at", .datetime).notNull()
            t.primaryKey(["class", "student", "exercise"])
        }
    }
}
