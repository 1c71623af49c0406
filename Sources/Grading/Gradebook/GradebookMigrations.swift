import GRDB

/// The gradebook's tables, as migrations appended after the progress store's own.
public enum GradebookMigrations {
    /// Registers the gradebook's migrations on `migrator`.
    public static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("gradebook-v1") { db in
            try db.create(table: "grading_run") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("class", .text).notNull()
                table.column("started_at", .datetime).notNull()
                table.column("submissions", .text).notNull()
                table.column("exercises", .text).notNull()
                table.column("deadline", .datetime)
                table.column("late_penalty_percent_per_day", .double).notNull()
                table.column("backend", .text).notNull()
                table.column("graded", .integer).notNull()
            }
            try db.create(table: "grade") { table in
                table.column("run_id", .integer).notNull().references("grading_run", onDelete: .cascade)
                table.column("student", .text).notNull()
                table.column("exercise", .text).notNull()
                table.column("status", .text).notNull()
                table.column("score", .double).notNull()
                table.column("max_score", .double).notNull()
                table.column("detail", .text).notNull()
                table.primaryKey(["run_id", "student", "exercise"])
            }
            try db.create(index: "grade_by_cell", on: "grade", columns: ["student", "exercise", "run_id"])
            try db.create(table: "grade_override") { table in
                table.column("class", .text).notNull()
                table.column("student", .text).notNull()
                table.column("exercise", .text).notNull()
                table.column("score", .double).notNull()
                table.column("comment", .text).notNull()
                table.column("created_at", .datetime).notNull()
                table.primaryKey(["class", "student", "exercise"])
            }
        }
    }
}
