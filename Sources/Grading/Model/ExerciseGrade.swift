import Foundation

/// One cell of the gradebook: a student's grade for one exercise, lateness applied.
public struct ExerciseGrade: Sendable, Hashable, Codable {
    public var student: String
    public var exercise: String
    public var status: GradeStatus
    /// The points after the late penalty (what counts).
    public var score: Double
    public var maxScore: Double
    /// The points the checks gave, before any late penalty.
    public var rawScore: Double
    /// Whole days (started) after the deadline; 0 when on time or without a deadline.
    public var daysLate: Int
    /// The share of `rawScore` taken away for lateness, in percent.
    public var latePenaltyPercent: Double
    /// The submission file's modification time.
    public var submittedAt: Date?
    /// The submission's path relative to the submissions folder.
    public var file: String?
    public var error: String?
    /// The line of the exercise's own file where the run stopped, when it stopped in one of the
    /// exercise's steps (a course position, kept out of `error`).
    public var exerciseLine: Int?
    public var checks: [CheckOutcome]
    /// The instructor's manual grade, if any; `score` already holds it.
    public var override: GradeOverride?

    public init(
        student: String, exercise: String, status: GradeStatus, score: Double, maxScore: Double, rawScore: Double,
        daysLate: Int = 0, latePenaltyPercent: Double = 0, submittedAt: Date? = nil, file: String? = nil,
        error: String? = nil, exerciseLine: Int? = nil, checks: [CheckOutcome], override: GradeOverride? = nil
    ) {
        self.exerciseLine = exerciseLine
        self.student = student
        self.exercise = exercise
        self.status = status
        self.score = score
        self.maxScore = maxScore
        self.rawScore = rawScore
        self.daysLate = daysLate
        self.latePenaltyPercent = latePenaltyPercent
        self.submittedAt = submittedAt
        self.file = file
        self.error = error
        self.checks = checks
        self.override = override
    }

    /// This grade with `override` in force (its score replacing the graded one).
    public func overridden(by override: GradeOverride?) -> ExerciseGrade {
        guard let override else { return self }
        var copy = self
        copy.override = override
        copy.score = override.score
        return copy
    }

    enum CodingKeys: String, CodingKey {
        case student, exercise, status, score, error, checks, file, override
        case maxScore = "max_score"
        case rawScore = "raw_score"
        case daysLate = "days_late"
        case latePenaltyPercent = "late_penalty_percent"
        case submittedAt = "submitted_at"
        case exerciseLine = "exercise_line"
    }
}

extension ExerciseGrade {
    /// Every field is written, absent ones as null, so each cell of `results.json` has one shape.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(student, forKey: .student)
        try container.encode(exercise, forKey: .exercise)
        try container.encode(status, forKey: .status)
        try container.encode(score, forKey: .score)
        try container.encode(maxScore, forKey: .maxScore)
        try container.encode(rawScore, forKey: .rawScore)
        try container.encode(daysLate, forKey: .daysLate)
        try container.encode(latePenaltyPercent, forKey: .latePenaltyPercent)
        try container.encode(submittedAt, forKey: .submittedAt)
        try container.encode(file, forKey: .file)
        try container.encode(error, forKey: .error)
        try container.encode(exerciseLine, forKey: .exerciseLine)
        try container.encode(checks, forKey: .checks)
        try container.encode(override, forKey: .override)
    }
}
