/// The verdict on a command typed as a quiz answer.
public struct CommandJudgement: Sendable, Equatable {
    /// Whether it replies and leaves the keyspace exactly as the expected command does.
    public let isEquivalent: Bool
    /// Why not (empty when equivalent), a sentence for the learner.
    public let reason: String
}
