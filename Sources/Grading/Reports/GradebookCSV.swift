/// `gradebook.csv`: a row per student, a column per exercise (points after lateness and
/// overrides), a total, what lateness took and the instructor's override comments; the row
/// under the header gives each column's maximum.
public enum GradebookCSV {
    /// The label of the row of maximum points.
    public static let maxPointsLabel = "max points"

    /// The table as CSV (RFC 4180 quoting, `\n` line ends).
    public static func render(_ results: ClassResults) -> String {
        render(exercises: results.exercises.map { ($0.id, $0.maxScore) }, students: results.students)
    }

    /// A table of `students` on `exercises` (id and maximum); an exercise a student has no
    /// grade for is an empty cell.
    public static func render(exercises: [(id: String, maxScore: Double)], students: [StudentResult]) -> String {
        var lines = [(["student"] + exercises.map(\.id) + ["total", "late", "comments"]).map(field).joined(separator: ",")]
        let maxTotal = exercises.reduce(0) { $0 + $1.maxScore }
        lines.append(([maxPointsLabel] + exercises.map { ReportText.points($0.maxScore) } + [ReportText.points(maxTotal), "", ""]).joined(separator: ","))
        for student in students {
            let grades = exercises.map { student.grade(for: $0.id) }
            let total = grades.reduce(0) { $0 + ($1?.score ?? 0) }
            let late = grades.compactMap { $0 }.filter { $0.daysLate > 0 && $0.status != .error }.map {
                "\($0.exercise): \($0.daysLate) day\($0.daysLate == 1 ? "" : "s") late, -\(ReportText.points($0.latePenaltyPercent))%"
            }
            let comments = grades.compactMap { grade in grade?.override.map { "\(grade!.exercise): set to \(ReportText.points($0.score)) by hand: \($0.comment)" } }
            let cells = [field(StudentName.visible(student.student))] + grades.map { $0.map { ReportText.points($0.score) } ?? "" }
                + [ReportText.points(total), field(late.joined(separator: "; ")), field(comments.joined(separator: "; "))]
            lines.append(cells.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One field, quoted when needed; a leading `= + - @` is defused so that spreadsheets do
    /// not run a student-chosen name as a formula.
    static func field(_ text: String) -> String {
        var value = text
        if let first = value.first, "=+-@".contains(first) { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
