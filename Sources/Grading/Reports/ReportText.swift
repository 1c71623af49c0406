import Exercises
import Foundation

/// Small text helpers shared by the reports.
enum ReportText {
    /// The longest message a report repeats from a submission's run; longer ones are cut.
    static let messageCap = 600

    /// `3` for whole points, `3.75` otherwise.
    static func points(_ value: Double) -> String {
        if value == value.rounded() { return String(Int(value)) }
        var text = String(format: "%.2f", value)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }

    /// `text` cut to `messageCap` characters, saying how much was left out.
    static func capped(_ text: String) -> String {
        guard text.count > messageCap else { return text }
        return String(text.prefix(messageCap)) + "… (\(text.count - messageCap) more characters)"
    }

    /// `text` ending as a sentence: a period added unless it ends with one already (Redis's
    /// own error texts often do: "…create an empty stream automatically.").
    static func sentence(_ text: String) -> String {
        text.hasSuffix(".") || text.hasSuffix("?") || text.hasSuffix("!") ? text : text + "."
    }

    /// The names students see for checks, by the rule every screen follows.
    static func studentNames(of checks: [CheckOutcome]) -> [String] {
        CheckNaming.shownNames(checks.map(\.verdict))
    }

    /// A date as ISO 8601 in UTC.
    static func iso8601(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
