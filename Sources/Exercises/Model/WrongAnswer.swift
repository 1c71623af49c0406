/// A wrong answer an exercise must not pay for: an anti-pattern its author expects learners to
/// try, run by `dev check` with the most points it may earn.
public struct WrongAnswer: Sendable, Equatable {
    /// What is wrong with it, e.g. "SET without NX".
    public var name: String
    /// The most points it may earn.
    public var atMost: Int
    /// The answer itself: Redis commands, or the Lua script in a `lua` exercise.
    public var answer: String
    /// The line of its `name`.
    public var line: Int

    /// A wrong answer written on `line`.
    public init(name: String, atMost: Int, answer: String, line: Int) {
        self.name = name
        self.atMost = atMost
        self.answer = answer
        self.line = line
    }
}
