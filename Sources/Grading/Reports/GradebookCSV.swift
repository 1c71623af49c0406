/// `gradebook.csv`: a row per student, a column per exercise (points after lateness), a total.
public enum GradebookCSV {
    /// The table as CSV (RFC 4180 quoting, `\n` line ends).
    public static func render(_ results: ClassResults) -> String {
        render(exercises: results.exercises.map(\.id), rows: results.students.map { student in
            (student.student, results.exercises.map { student.grade(for: $0.id)?.score })
        })
    }

    /// A table of `rows` (student, a score or nothing per exercise), with a total column.
    public static func render(exercises: [String], rows: [(student: String, scores: [Double?])]) -> String {
        var lines = [(["student"] + exercises + ["total"]).map(field).joined(separator: ",")]
        for row in rows {
            let total = row.scores.reduce(0) { $0 + ($1 ?? 0) }
            let cells = [field(row.student)] + row.scores.map { $0.map(ReportText.points) ?? "" } + [ReportText.points(total)]
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
