import Foundation

/// One recorded grading run of the instructor's gradebook.
public struct GradingRun: Sendable, Hashable, Codable {
    public var id: Int64
    public var className: String
    public var startedAt: Date
    /// The submissions folder that was graded.
    public var submissions: String
    /// The exercises graded, in order.
    public var exercises: [String]
    public var deadline: Date?
    public var latePenaltyPercentPerDay: Double
    /// `simulator`, or the live Redis URL (without its password).
    public var backend: String
    /// How many grades (student × exercise) the run recorded.
    public var graded: Int

    public init(
        id: Int64 = 0, className: String, startedAt: Date, submissions: String, exercises: [String], deadline: Date?,
        latePenaltyPercentPerDay: Double, backend: String, graded: Int = 0
    ) {
        self.id = id
        self.className = className
        self.startedAt = startedAt
        self.submissions = submissions
        self.exercises = exercises
        self.deadline = deadline
        self.latePenaltyPercentPerDay = latePenaltyPercentPerDay
        self.backend = backend
        self.graded = graded
    }

    enum CodingKeys: String, CodingKey {
        case id, submissions, exercises, deadline, backend, graded
        case className = "class"
        case startedAt = "started_at"
        case latePenaltyPercentPerDay = "late_penalty_percent_per_day"
    }
}
