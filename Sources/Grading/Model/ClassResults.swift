import Foundation

/// The outcome of grading a whole class: what `results.json` holds.
public struct ClassResults: Sendable, Hashable, Codable {
    /// The schema's name and version, so scripts reading `results.json` can check it.
    public static let schema = "redislings-grading/1"

    /// One exercise of the run, as listed at the top of the results.
    public struct ExerciseSummary: Sendable, Hashable, Codable {
        public var id: String
        public var title: String
        public var maxScore: Double

        public init(id: String, title: String, maxScore: Double) {
            self.id = id
            self.title = title
            self.maxScore = maxScore
        }

        enum CodingKeys: String, CodingKey {
            case id, title
            case maxScore = "max_score"
        }
    }

    /// A student who handed nothing in for an exercise.
    public struct Missing: Sendable, Hashable, Codable {
        public var student: String
        public var exercise: String

        public init(student: String, exercise: String) {
            self.student = student
            self.exercise = exercise
        }
    }

    public var schema: String = ClassResults.schema
    public var gradedAt: Date
    public var deadline: Date?
    public var latePenaltyPercentPerDay: Double
    public var exercises: [ExerciseSummary]
    public var students: [StudentResult]
    public var missing: [Missing]
    /// Files in the submissions folder that are not submissions (unknown exercise, stray files).
    public var problems: [SubmissionProblem]
    /// The assignment graded, when one was named (`--assignment` or `--lesson`).
    public var assignment: String?
    /// Per exercise, the spread of scores and each check's pass rate.
    public var summary: ClassSummary

    public init(
        gradedAt: Date, deadline: Date?, latePenaltyPercentPerDay: Double, exercises: [ExerciseSummary],
        students: [StudentResult], problems: [SubmissionProblem], assignment: String? = nil
    ) {
        self.assignment = assignment
        summary = ClassSummary(exercises: exercises, students: students)
        self.gradedAt = gradedAt
        self.deadline = deadline
        self.latePenaltyPercentPerDay = latePenaltyPercentPerDay
        self.exercises = exercises
        self.students = students
        self.problems = problems
        missing = students.flatMap { student in
            student.exercises.filter { $0.status == .missing }.map { Missing(student: student.student, exercise: $0.exercise) }
        }
    }

    /// Every field is written, absent ones as null, so `results.json` has one shape.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(schema, forKey: .schema)
        try container.encode(gradedAt, forKey: .gradedAt)
        try container.encode(deadline, forKey: .deadline)
        try container.encode(latePenaltyPercentPerDay, forKey: .latePenaltyPercentPerDay)
        try container.encode(assignment, forKey: .assignment)
        try container.encode(exercises, forKey: .exercises)
        try container.encode(students, forKey: .students)
        try container.encode(missing, forKey: .missing)
        try container.encode(problems, forKey: .problems)
        try container.encode(summary, forKey: .summary)
    }

    /// The result of `student`, if they are in the class.
    public func student(_ name: String) -> StudentResult? { students.first { $0.student == name } }

    enum CodingKeys: String, CodingKey {
        case schema, deadline, exercises, students, missing, problems, assignment, summary
        case gradedAt = "graded_at"
        case latePenaltyPercentPerDay = "late_penalty_percent_per_day"
    }
}
