/// Parses the duration `:advance` takes: a number and a unit, `ms`, `s`, `m` or `h` (`10s`,
/// `1500ms`, `2m`, `1h`; a bare number means seconds).
public enum ClockAdvance {
    /// The longest single advance the REPL accepts: the simulator keeps its clock within a
    /// century of real time, so more could not be honoured.
    public static let maximumMilliseconds: Int64 = 100 * 365 * 86_400_000

    /// The duration in milliseconds, or nil when `text` is not a duration.
    public static func milliseconds(_ text: String) -> Int64? {
        let lowered = text.lowercased()
        let digits = lowered.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, let amount = Int64(digits) else { return nil }
        let factor: Int64
        switch lowered.dropFirst(digits.count) {
        case "ms": factor = 1
        case "", "s": factor = 1000
        case "m": factor = 60_000
        case "h": factor = 3_600_000
        default: return nil
        }
        let (result, overflow) = amount.multipliedReportingOverflow(by: factor)
        return overflow ? nil : result
    }
}

extension ClockAdvance {
    /// A duration for people: `10s`, `1500ms`, `2m`, `1h 30m`.
    public static func describe(_ milliseconds: Int64) -> String {
        if milliseconds % 1000 != 0 { return "\(milliseconds)ms" }
        var seconds = milliseconds / 1000
        if seconds < 60 { return "\(seconds)s" }
        var parts: [String] = []
        if seconds >= 3600 { parts.append("\(seconds / 3600)h"); seconds %= 3600 }
        if seconds >= 60 { parts.append("\(seconds / 60)m"); seconds %= 60 }
        if seconds > 0 { parts.append("\(seconds)s") }
        return parts.joined(separator: " ")
    }
}
