import GRDB

/// Every schema change of the progress database, oldest first: the one list later features
/// (exercises, grading) append their own migrations to. A migration, once released, never changes.
public enum ProgressMigrations {
    /// One named step of the schema.
    public struct Step: Sendable {
        /// The identifier stored in `grdb_migrations`; never reuse or rename one.
        public let identifier: String
        /// The change, run inside the migration's transaction.
        public let migrate: @Sendable (Database) throws -> Void

        /// A step named `identifier`.
        public init(_ identifier: String, migrate: @escaping @Sendable (Database) throws -> Void) {
            self.identifier = identifier
            self.migrate = migrate
        }
    }

    /// The steps in the order they run. Append new ones at the end.
    public static let all: [Step] = [
        Step("v1-learner-progress", migrate: createLearnerTables),
    ]

    /// A migrator with every step registered.
    static func migrator(_ steps: [Step] = all) -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for step in steps { migrator.registerMigration(step.identifier, migrate: step.migrate) }
        return migrator
    }

    /// The first schema: reads, exercises, hints, quiz attempts and answers, review cards, time.
    @Sendable static func createLearnerTables(_ db: Database) throws {
        try db.create(table: "lesson_read") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("lesson", .text).notNull().indexed()
            t.column("read_at", .datetime).notNull()
        }
        try db.create(table: "exercise_result") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("exercise_id", .text).notNull().indexed()
            t.column("lesson", .text).notNull().indexed()
            t.column("score", .integer).notNull()
            t.column("max_score", .integer).notNull()
            t.column("passed", .boolean).notNull()
            t.column("recorded_at", .datetime).notNull()
        }
        try db.create(table: "hint_use") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("exercise_id", .text).notNull().indexed()
            t.column("tier", .integer).notNull()
            t.column("used_at", .datetime).notNull()
        }
        try db.create(table: "quiz_attempt") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("lesson", .text).notNull().indexed()
            t.column("question_count", .integer).notNull()
            t.column("shuffle_seed", .integer)
            t.column("started_at", .datetime).notNull()
            t.column("finished_at", .datetime)
            t.column("abandoned_at", .datetime)
            t.column("score", .integer)
        }
        try db.create(table: "quiz_answer") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("attempt_id", .integer).notNull().references("quiz_attempt", onDelete: .cascade)
            t.column("question", .integer).notNull()
            t.column("answer", .text).notNull()
            t.column("correct", .boolean).notNull()
            t.column("answered_at", .datetime).notNull()
            t.uniqueKey(["attempt_id", "question"])
        }
        try db.create(table: "review_card") { t in
            t.column("lesson", .text).notNull()
            t.column("question", .integer).notNull()
            t.column("box", .integer).notNull()
            t.column("due_at", .datetime).notNull()
            t.column("reviews", .integer).notNull().defaults(to: 0)
            t.column("lapses", .integer).notNull().defaults(to: 0)
            t.column("last_reviewed_at", .datetime)
            t.primaryKey(["lesson", "question"])
        }
        try db.create(table: "time_spent") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("lesson", .text).notNull().indexed()
            t.column("activity", .text).notNull()
            t.column("seconds", .double).notNull()
            t.column("ended_at", .datetime).notNull()
        }
    }
}
