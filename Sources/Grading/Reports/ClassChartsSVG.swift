import Foundation
import LessonKit

/// The class summary as SVG charts: one bar chart of score counts per exercise and one of
/// pass rates per check. It draws the numbers `ClassSummary` holds and computes none of its own.
public enum ClassChartsSVG {
    /// Bars of how many students got each score on `exercise`.
    public static func distribution(_ exercise: ClassSummary.Exercise) -> String {
        let bars = exercise.distribution.map { (label: number($0.score), value: Double($0.students), text: "\($0.students)") }
        let most = Double(exercise.distribution.map(\.students).max() ?? 0)
        return verticalBars(
            title: "\(exercise.id): scores (of \(number(exercise.maxScore)))", bars: bars, top: max(1, most),
            caption: "students per score · mean \(number(exercise.mean)), median \(number(exercise.median))")
    }

    /// Horizontal bars of the share of answers that passed each check of `exercise`.
    public static func passRates(_ exercise: ClassSummary.Exercise) -> String {
        let rowHeight = 22, labelWidth = 260, barWidth = 300
        let height = 30 + rowHeight * max(1, exercise.checks.count)
        var svg = "<svg class=\"chart pass-rates\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(labelWidth + barWidth + 110)\" height=\"\(height)\">"
        svg += "<title>\(escape(exercise.id)): pass rate per check</title>"
        svg += "<text x=\"0\" y=\"14\" font-weight=\"bold\">\(escape(exercise.id)): pass rate per check</text>"
        for (index, check) in exercise.checks.enumerated() {
            let y = 24 + index * rowHeight
            let width = Int((check.passRate * Double(barWidth)).rounded())
            let color = check.passRate >= 0.8 ? "#2e7d32" : check.passRate >= 0.5 ? "#f9a825" : "#c62828"
            let name = check.hidden ? check.name + " (hidden)" : check.name
            svg += "<text x=\"\(labelWidth - 6)\" y=\"\(y + 14)\" text-anchor=\"end\">\(escape(String(name.prefix(40))))</text>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 2)\" width=\"\(barWidth)\" height=\"\(rowHeight - 6)\" fill=\"#eee\"/>"
            svg += "<rect class=\"bar\" x=\"\(labelWidth)\" y=\"\(y + 2)\" width=\"\(width)\" height=\"\(rowHeight - 6)\" fill=\"\(color)\"/>"
            svg += "<text x=\"\(labelWidth + barWidth + 6)\" y=\"\(y + 14)\">\(Int((check.passRate * 100).rounded()))% (\(check.passed)/\(check.submitted))</text>"
        }
        return svg + "</svg>"
    }

    private static func verticalBars(title: String, bars: [(label: String, value: Double, text: String)], top: Double, caption: String) -> String {
        let barWidth = 36, gap = 12, plotHeight = 120, left = 30
        let width = max(260, left + bars.count * (barWidth + gap) + gap)
        // Room above the tallest bar for its count, below the title.
        let height = plotHeight + 86
        var svg = "<svg class=\"chart distribution\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\">"
        svg += "<title>\(escape(title))</title><text x=\"0\" y=\"14\" font-weight=\"bold\">\(escape(title))</text>"
        let baseline = 40 + plotHeight
        svg += "<line x1=\"\(left)\" y1=\"\(baseline)\" x2=\"\(width)\" y2=\"\(baseline)\" stroke=\"#999\"/>"
        for (index, bar) in bars.enumerated() {
            let x = left + gap + index * (barWidth + gap)
            let barHeight = Int((bar.value / top * Double(plotHeight)).rounded())
            svg += "<rect class=\"bar\" x=\"\(x)\" y=\"\(baseline - barHeight)\" width=\"\(barWidth)\" height=\"\(barHeight)\" fill=\"#1565c0\"/>"
            svg += "<text x=\"\(x + barWidth / 2)\" y=\"\(baseline - barHeight - 4)\" text-anchor=\"middle\">\(escape(bar.text))</text>"
            svg += "<text x=\"\(x + barWidth / 2)\" y=\"\(baseline + 16)\" text-anchor=\"middle\">\(escape(bar.label))</text>"
        }
        svg += "<text x=\"0\" y=\"\(baseline + 40)\" fill=\"#555\">\(escape(caption))</text>"
        return svg + "</svg>"
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.2f", value)
    }

    // SVG inside HTML takes the same escaping as the lessons' HTML: one home for it.
    static func escape(_ text: String) -> String { text.htmlEscaped }
}
