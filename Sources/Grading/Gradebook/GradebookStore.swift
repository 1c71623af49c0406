import CourseProgress
import Foundation

/// The instructor's gradebook: every grading run, every grade it gave, and manual overrides
/// that outlive re-grading. It lives in the learner's progress database, whose tables and SQL
/// are CourseProgress's; this type turns Grading's results into its records and back.
public final class GradebookStore: Sendable {
    private let store: ProgressStore
    /// The database file.
    public let url: URL

    /// Opens (creating if needed) the progress database at `url`, checked and brought up to
    /// date by `ProgressStore`, the gradebook's tables included.
    public init(url: URL) throws {
        self.url = url
        do {
            store = try ProgressStore(path: url.path)
        } catch {
            throw GradingError(error.description, help: error.remedy)
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
        var grades: [RecordedGrade] = []
        for student in results.students {
            for grade in student.exercises {
                // The graded score is stored; overrides live in their own table and are applied on reading.
                var stored = grade
                if grade.override != nil {
                    stored.override = nil
                    stored.score = LatePolicy(deadline: run.deadline, percentPerDay: run.latePenaltyPercentPerDay)
                        .apply(to: grade.rawScore, daysLate: grade.daysLate)
                }
                grades.append(RecordedGrade(
                    student: student.student, exercise: grade.exercise, status: grade.status.rawValue, score: stored.score,
                    maxScore: grade.maxScore, detail: String(decoding: try encoder.encode(stored), as: UTF8.self)))
            }
        }
        return try writing { try store.recordGradingRun(run, grades: grades) }
    }

    /// The runs recorded for `className` (every class when nil), oldest first.
    public func runs(className: String? = nil) throws -> [GradingRun] {
        try reading { try store.gradingRuns(className: className) }
    }

    /// The classes that have runs, sorted.
    public func classes() throws -> [String] {
        try reading { try store.gradedClasses() }
    }

    /// The overrides in force for `className`.
    public func overrides(className: String) throws -> [GradeKey: GradeOverride] {
        Self.keyed(try reading { try store.gradeOverrides(className: className) })
    }

    /// Sets the grade of `key` by hand. The cell must have been graded (so a typo in a name is
    /// caught) and `score` must lie between 0 and the exercise's points.
    public func setOverride(className: String, key: GradeKey, score: Double, comment: String, now: Date = Date()) throws {
        let trimmed = comment.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            throw GradingError("an override needs a comment saying why", help: "Add --comment \"…\" with the reason.")
        }
        let override = RecordedOverride(student: key.student, exercise: key.exercise, score: score, comment: trimmed, createdAt: now)
        switch try writing({ try store.setGradeOverride(className: className, override) }) {
        case .saved:
            return
        case .ungraded:
            throw GradingError(
                "\(key.student) has no grade for \(key.exercise) in class \(className)",
                help: "Grade the class first, or check the names with `redislings gradebook export --class \(className)`.")
        case .outOfRange(let maxScore):
            throw GradingError(
                "\(ReportText.points(score)) is not a score for \(key.exercise), which is worth \(ReportText.points(maxScore)) points",
                help: "Give a score from 0 to \(ReportText.points(maxScore)).")
        }
    }

    /// Removes the override of `key`; returns false when there was none.
    @discardableResult
    public func removeOverride(className: String, key: GradeKey) throws -> Bool {
        try writing { try store.removeGradeOverride(className: className, student: key.student, exercise: key.exercise) }
    }

    /// The current gradebook of `className`: the latest grade of every cell, overrides applied.
    public func gradebook(className: String) throws -> Gradebook {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let stored = try reading { try store.gradebook(className: className) }
        let overrides = Self.keyed(stored.overrides)
        var grades: [String: [ExerciseGrade]] = [:]
        for recorded in stored.latest {
            let grade = try decoder.decode(ExerciseGrade.self, from: Data(recorded.detail.utf8))
            grades[grade.student, default: []].append(grade.overridden(by: overrides[GradeKey(student: grade.student, exercise: grade.exercise)]))
        }
        let position = Dictionary(stored.exercises.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let students = grades.keys.sorted().map { name in
            StudentResult(student: name, exercises: grades[name]!.sorted { (position[$0.exercise] ?? 0) < (position[$1.exercise] ?? 0) })
        }
        return Gradebook(className: className, exercises: stored.exercises, students: students)
    }

    private static func keyed(_ overrides: [RecordedOverride]) -> [GradeKey: GradeOverride] {
        var keyed: [GradeKey: GradeOverride] = [:]
        for override in overrides {
            keyed[GradeKey(student: override.student, exercise: override.exercise)] =
                GradeOverride(score: override.score, comment: override.comment, createdAt: override.createdAt)
        }
        return keyed
    }

    private func reading<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as ProgressStoreError {
            throw GradingError("cannot read the gradebook \(url.path): \(error.problem)", help: error.remedy)
        }
    }

    private func writing<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as ProgressStoreError {
            throw GradingError("cannot write the gradebook \(url.path): \(error.problem)", help: error.remedy)
        }
    }
}
