import Foundation

/// How late submissions lose points: every started day after the deadline takes
/// `percentPerDay` percent of the points the checks gave, down to zero.
public struct LatePolicy: Sendable, Hashable {
    /// No deadline: nothing is late.
    public static let none = LatePolicy(deadline: nil, percentPerDay: 0)

    public var deadline: Date?
    public var percentPerDay: Double

    public init(deadline: Date?, percentPerDay: Double) {
        self.deadline = deadline
        self.percentPerDay = max(0, percentPerDay)
    }

    /// The started days between the deadline and `submitted`: a second late is one day late.
    public func daysLate(submittedAt submitted: Date?) -> Int {
        guard let deadline, let submitted else { return 0 }
        let seconds = submitted.timeIntervalSince(deadline)
        guard seconds > 0 else { return 0 }
        return Int((seconds / 86_400).rounded(.up))
    }

    /// The percentage taken away for `daysLate` days, at most 100.
    public func penaltyPercent(daysLate: Int) -> Double { min(100, Double(daysLate) * percentPerDay) }

    /// `rawScore` after the penalty for `daysLate` days, rounded to hundredths.
    public func apply(to rawScore: Double, daysLate: Int) -> Double {
        let kept = rawScore * (100 - penaltyPercent(daysLate: daysLate)) / 100
        return (kept * 100).rounded() / 100
    }

    /// Parses an ISO 8601 deadline (`2026-12-01T23:59:00Z`, an offset like `+01:00`, or a bare
    /// date meaning the end of that day in UTC).
    public static func parseDeadline(_ text: String) -> Date? {
        if let date = parseTimestamp(text) { return date }
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        return day.date(from: text).map { $0.addingTimeInterval(86_400 - 1) }
    }

    /// Parses a full ISO 8601 time (with a zone, seconds optionally fractional).
    public static func parseTimestamp(_ text: String) -> Date? {
        let full = ISO8601DateFormatter()
        if let date = full.date(from: text) { return date }
        full.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return full.date(from: text)
    }

    /// Parses a penalty written `10` or `10%`, between 0 and 100.
    public static func parsePercent(_ text: String) -> Double? {
        let trimmed = text.hasSuffix("%") ? String(text.dropLast()) : text
        guard let value = Double(trimmed), value.isFinite, (0...100).contains(value) else { return nil }
        return value
    }
}
