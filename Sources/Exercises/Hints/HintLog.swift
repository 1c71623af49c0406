/// Remembers how many hints of each exercise the learner has seen, so `hint` gives the next
/// tier each time. A protocol so the SQLite progress store can take over from the file.
public protocol HintLog: Sendable {
    /// How many hints of `exercise` have been shown.
    func hintsShown(for exercise: String) throws -> Int
    /// Records that `count` hints of `exercise` have now been shown.
    func recordHintsShown(_ count: Int, for exercise: String) throws
}
