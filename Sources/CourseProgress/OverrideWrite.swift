/// What became of a grade override the gradebook was asked to store.
public enum OverrideWrite: Sendable, Hashable {
    /// Stored, replacing any earlier override of the cell.
    case saved
    /// The cell was never graded for the class (a typo in a name, most likely); nothing stored.
    case ungraded
    /// The score lies outside 0…`maxScore`, the points of the cell's latest grade; nothing stored.
    case outOfRange(maxScore: Double)
}
