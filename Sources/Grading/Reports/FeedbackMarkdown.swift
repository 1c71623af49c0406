import Foundation

/// `feedback/<student>.md`: what passed, what failed and why, and hints — never a solution,
/// and hidden checks only as "hidden check N".
public enum FeedbackMarkdown {
    /// One student's feedback.
    public static func render(_ student: StudentResult, results: ClassResults, exercises: [GradedExercise]) -> String {
        var text = "# Feedback for \(StudentName.visible(student.student))\n\n"
        text += "Total: **\(ReportText.points(student.score)) / \(ReportText.points(student.maxScore))** points"
        text += " (graded \(ReportText.iso8601(results.gradedAt))"
        if let deadline = results.deadline { text += ", deadline \(ReportText.iso8601(deadline))" }
        text += ").\n"
        let byID = Dictionary(exercises.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for grade in student.exercises {
            text += "\n" + section(grade, exercise: byID[grade.exercise], summary: results.exercises.first { $0.id == grade.exercise })
        }
        return text
    }

    private static func section(_ grade: ExerciseGrade, exercise: GradedExercise?, summary: ClassResults.ExerciseSummary?) -> String {
        let title = summary.map { "\(grade.exercise) — \($0.title)" } ?? grade.exercise
        var text = "## \(title): \(ReportText.points(grade.score)) / \(ReportText.points(grade.maxScore))\n\n"
        if let override = grade.override {
            text += "Your instructor set this grade to \(ReportText.points(override.score)): \(StudentName.printable(override.comment))\n\n"
        }
        switch grade.status {
        case .missing:
            let name = exercise.map { "\(grade.exercise).\($0.answerKind.fileExtension)" } ?? grade.exercise
            return text + "Not handed in: no file `\(name)` was found in your folder.\n"
        case .error:
            text += "Your submission could not be graded: \(StudentName.printable(ReportText.capped(grade.error ?? "it stopped the grader"))).\n"
            text += "Every check of this exercise gets zero. Fix the problem above and hand it in again.\n"
            return text + hints(exercise)
        case .passed:
            text += "Every check passed.\n"
        case .failed:
            break
        }
        if let error = grade.error { text += "Your code met an error: \(ReportText.sentence(ReportText.capped(error)))\n" }
        if grade.daysLate > 0 {
            text += "Handed in \(grade.daysLate) day\(grade.daysLate == 1 ? "" : "s") late: "
            text += "\(ReportText.points(grade.latePenaltyPercent))% off the \(ReportText.points(grade.rawScore)) points the checks gave.\n"
        }
        text += "\n"
        for (check, name) in zip(grade.checks, ReportText.studentNames(of: grade.checks)) {
            let points = "\(ReportText.points(check.points))/\(ReportText.points(check.maxPoints))"
            switch check.status {
            case .passed:
                text += "- ✅ \(name) (\(points))\n"
            case .failed, .error:
                let why = check.hidden || check.message.isEmpty ? "" : ": \(StudentName.printable(ReportText.capped(check.message)))"
                text += "- ❌ \(name) (\(points))\(why)\n"
            }
        }
        if grade.status == .failed { text += hints(exercise) }
        return text
    }

    private static func hints(_ exercise: GradedExercise?) -> String {
        guard let hints = exercise?.studentHints, !hints.isEmpty else { return "" }
        return "\nHints:\n" + hints.map { "- \($0)\n" }.joined()
    }
}
