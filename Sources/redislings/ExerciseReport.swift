import Exercises
import Foundation

/// A result printed for the learner: one line per check with ✓/✗ and points, then the score.
enum ExerciseReport {
    /// The report; with `colored`, marks and the score in green, red or yellow (a terminal).
    static func render(_ result: ExerciseResult, exercise: Exercise, file: String, colored: Bool = false) -> String {
        func paint(_ text: String, _ status: ExerciseResult.Status) -> String {
            guard colored else { return text }
            let code = status == .passed ? "32" : status == .failed ? "31" : "33"
            return "\u{1B}[\(code)m\(text)\u{1B}[0m"
        }
        var text = "\(exercise.shortName) \(exercise.title) — \(file)\n"
        for check in CheckNaming.shownToStudent(result).checks {
            let mark = paint(check.status == .passed ? "✓" : check.status == .failed ? "✗" : "!", check.status)
            let message = check.message.isEmpty ? "" : " — \(check.message)"
            text += "  \(mark) \(check.name) (\(check.points)/\(check.maxPoints))\(message)\n"
        }
        if let error = result.error { text += "Error: \(file): \(error)\n" }
        if let mistake = result.learnerError { text += "Your first error: \(mistake.described(in: file))\n" }
        let verdict: String
        switch result.status {
        case .passed: verdict = "passed"
        case .failed: verdict = "not yet: run `redislings hint \(exercise.id)` for a hint"
        case .error: verdict = "error: fix the problem above and check again"
        }
        text += paint("Score: \(result.score)/\(result.maxScore)", result.status) + " — \(verdict)\n"
        if result.status == .passed, let why = exercise.why { text += "Why this works: \(why)\n" }
        return text
    }

    /// The result as JSON (snake_case keys).
    static func json(_ result: ExerciseResult) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(result), as: UTF8.self)
    }
}
