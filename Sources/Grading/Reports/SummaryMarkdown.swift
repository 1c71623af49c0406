/// `summary.md`: the class at a glance, for the instructor — per exercise the spread of scores
/// and the pass rate of every check, hidden ones by name.
public enum SummaryMarkdown {
    /// The summary of `results`.
    public static func render(_ results: ClassResults) -> String {
        var text = "# Class summary\n\n"
        text += "\(results.students.count) student\(results.students.count == 1 ? "" : "s"), graded \(ReportText.iso8601(results.gradedAt))"
        if let assignment = results.assignment { text += " for \(assignment)" }
        text += ".\n"
        for exercise in results.summary.exercises {
            let title = results.exercises.first { $0.id == exercise.id }?.title
            text += "\n## \(exercise.id)\(title.map { " — \($0)" } ?? "") (\(ReportText.points(exercise.maxScore)) points)\n\n"
            text += "Handed in by \(exercise.submitted), missing \(exercise.missing); every check passed: \(exercise.passed); could not be graded: \(exercise.errors).\n"
            text += "Mean \(ReportText.points(exercise.mean)), median \(ReportText.points(exercise.median)).\n\n"
            text += "| score | students |\n|---:|---:|\n"
            for count in exercise.distribution { text += "| \(ReportText.points(count.score)) | \(count.students) |\n" }
            guard !exercise.checks.isEmpty else { continue }
            text += "\n| check | passed | pass rate |\n|---|---:|---:|\n"
            for check in exercise.checks {
                let name = check.name.replacingOccurrences(of: "|", with: "\\|") + (check.hidden ? " (hidden)" : "")
                text += "| \(name) | \(check.passed)/\(check.submitted) | \(Int((check.passRate * 100).rounded()))% |\n"
            }
        }
        return text
    }
}
