import Foundation
import Quizzes

/// How quiz and review questions and feedback read on the terminal.
enum QuizText {
    /// A question with its lettered options.
    static func question(_ presented: PresentedQuestion, heading: String) -> String {
        var lines = ["", heading]
        if presented.hasSeveralAnswers { lines[1] += " — choose every right answer" }
        if presented.expectsCommand { lines[1] += " — answer with a Redis command" }
        lines.append(presented.question.prompt)
        if !presented.shownOptions.isEmpty {
            lines.append("")
            for option in presented.shownOptions { lines.append("  \(option.letter)) \(option.text)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The verdict on one answer, with the lesson's explanation.
    static func feedback(_ feedback: QuizFeedback) -> String {
        var text: String
        if feedback.isCorrect {
            text = "✓ Right."
        } else {
            text = "✗ Not quite: the answer is \(feedback.rightAnswer)."
            if !feedback.reason.isEmpty { text += " (\(feedback.reason.prefix(1).uppercased() + feedback.reason.dropFirst()).)" }
        }
        if !feedback.explanation.isEmpty { text += "\n  " + feedback.explanation.replacingOccurrences(of: "\n", with: "\n  ") }
        return text + "\n"
    }

    /// A short date for "due" lines, in UTC so tests and people in any zone read the same.
    static func day(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return formatter.string(from: date)
    }

    /// A question's first line, shortened for lists.
    static func summary(of prompt: String, limit: Int = 60) -> String {
        let first = prompt.split(separator: "\n").first.map(String.init) ?? prompt
        return first.count > limit ? String(first.prefix(limit - 1)) + "…" : first
    }

    /// Seconds as `12 min`, `1 h 05 min` or `under a minute`.
    static func duration(_ seconds: Double) -> String {
        let minutes = Int((seconds / 60).rounded())
        if minutes < 1 { return seconds > 0 ? "under a minute" : "—" }
        if minutes < 60 { return "\(minutes) min" }
        return String(format: "%d h %02d min", minutes / 60, minutes % 60)
    }
}
