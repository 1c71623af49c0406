/// The verdict of one check for one submission.
public struct CheckOutcome: Sendable, Hashable, Codable {
    /// Passed, failed, or could not be judged (the submission stopped the run first).
    public enum Status: String, Sendable, Hashable, Codable {
        case passed, failed, error
    }

    public var name: String
    public var status: Status
    /// Why it failed (empty when it passed).
    public var message: String
    public var points: Double
    public var maxPoints: Double
    /// A hidden check counts, but students see it only as "hidden check N".
    public var hidden: Bool

    public init(name: String, status: Status, message: String, points: Double, maxPoints: Double, hidden: Bool) {
        self.name = name
        self.status = status
        self.message = message
        self.points = points
        self.maxPoints = maxPoints
        self.hidden = hidden
    }

    enum CodingKeys: String, CodingKey {
        case name, status, message, points, hidden
        case maxPoints = "max_points"
    }
}
