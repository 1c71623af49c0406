import Exercises

/// The verdict of one check for one submission: the exercise runner's own result for the check
/// (`Exercises.CheckResult`, the one result model), with the points as this run counts them.
@dynamicMemberLookup
public struct CheckOutcome: Sendable, Hashable, Codable {
    /// Passed, failed, or could not be judged (the submission stopped the run first): the
    /// runner's own status.
    public typealias Status = ExerciseResult.Status

    /// The runner's result for the check: its name, status, message and whether it is hidden.
    /// Its points are the runner's whole points; reports read `points` and `maxPoints`.
    public var verdict: CheckResult
    /// The points as counted: scaled to what the exercise is worth in this run, and zero when
    /// the submission could not be graded.
    public var points: Double
    /// The points available, scaled as `points` is.
    public var maxPoints: Double

    /// The runner's fields (`name`, `status`, `message`, `hidden`), read and written in place.
    public subscript<Value>(dynamicMember field: WritableKeyPath<CheckResult, Value>) -> Value {
        get { verdict[keyPath: field] }
        set { verdict[keyPath: field] = newValue }
    }

    /// The runner's result, counted at its own points.
    public init(_ verdict: CheckResult) {
        self.init(verdict, points: Double(verdict.points), maxPoints: Double(verdict.maxPoints))
    }

    /// The runner's result, counted at `points` of `maxPoints`.
    init(_ verdict: CheckResult, points: Double, maxPoints: Double) {
        self.verdict = verdict
        self.points = points
        self.maxPoints = maxPoints
    }

    /// A verdict made by grading itself (a submission that was not run, a test's grader).
    public init(name: String, status: Status, message: String, points: Double, maxPoints: Double, hidden: Bool) {
        self.init(
            CheckResult(
                name: name, status: status, message: message, points: points.wholePoints, maxPoints: maxPoints.wholePoints,
                hidden: hidden),
            points: points, maxPoints: maxPoints)
    }

    enum CodingKeys: String, CodingKey {
        case name, status, message, points, hidden
        case maxPoints = "max_points"
    }

    // The reports' shape (results.json, the gradebook's rows, the queue's results) is flat, with
    // the counted points: a check reads and writes as it did before it wrapped the runner's result.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            name: container.decode(String.self, forKey: .name), status: container.decode(Status.self, forKey: .status),
            message: container.decode(String.self, forKey: .message), points: container.decode(Double.self, forKey: .points),
            maxPoints: container.decode(Double.self, forKey: .maxPoints), hidden: container.decode(Bool.self, forKey: .hidden))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(verdict.name, forKey: .name)
        try container.encode(verdict.status, forKey: .status)
        try container.encode(verdict.message, forKey: .message)
        try container.encode(points, forKey: .points)
        try container.encode(maxPoints, forKey: .maxPoints)
        try container.encode(verdict.hidden, forKey: .hidden)
    }
}
