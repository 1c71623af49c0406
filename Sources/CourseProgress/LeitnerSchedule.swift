import Foundation

/// The Leitner boxes review cards move through: a right answer moves a card up one box, a
/// wrong one back to the first; each box waits longer before the card is due again.
public enum LeitnerSchedule {
    /// Days a card waits in each box, box 1 first.
    public static let intervalsInDays = [1, 2, 4, 8, 16]

    /// The highest box.
    public static var lastBox: Int { intervalsInDays.count }

    /// When a card that has just entered `box` at `date` is due.
    public static func due(inBox box: Int, after date: Date) -> Date {
        let days = intervalsInDays[min(max(box, 1), lastBox) - 1]
        return date.addingTimeInterval(TimeInterval(days) * 86_400)
    }

    /// The box a card in `box` moves to after a right or wrong answer.
    public static func box(after box: Int, correct: Bool) -> Int {
        correct ? min(box + 1, lastBox) : 1
    }
}
