/// Why a run stopped early: a broken limit, a refused command, bad input or an unreachable Redis.
public struct ExerciseRunError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A sentence naming the line and the limit or problem.
    public let message: String

    /// An error with a message.
    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
