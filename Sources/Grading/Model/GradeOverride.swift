import Foundation

/// A grade an instructor set by hand, with the reason; it replaces the graded score and stays
/// in force through later re-gradings until it is removed.
public struct GradeOverride: Sendable, Hashable, Codable {
    public var score: Double
    public var comment: String
    public var createdAt: Date

    public init(score: Double, comment: String, createdAt: Date) {
        self.score = score
        self.comment = comment
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case score, comment
        case createdAt = "created_at"
    }
}
