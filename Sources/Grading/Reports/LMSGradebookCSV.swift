/// Gradebooks in the CSV layouts that learning management systems import without editing:
/// one column for the assignment's total, students identified by their folder's name (which
/// should be their LMS login).
public enum LMSGradebookCSV {
    /// Canvas's gradebook layout: `Student, ID, SIS User ID, SIS Login ID, Section`, then one
    /// column per assignment; a `Points Possible` row under the header. Canvas matches rows by
    /// any of its ID columns; the folder's name goes in `SIS Login ID`, the others stay empty.
    public static func canvas(assignment: String, maxScore: Double, students: [StudentResult]) -> String {
        var lines = [(["Student", "ID", "SIS User ID", "SIS Login ID", "Section", assignment]).map(GradebookCSV.field).joined(separator: ",")]
        lines.append("Points Possible,,,,,\(ReportText.points(maxScore))")
        for student in students {
            let name = GradebookCSV.field(StudentName.visible(student.student))
            lines.append("\(name),,,\(name),,\(ReportText.points(student.score))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Moodle's grade import layout (Grades → Import → CSV file): a column to identify the user
    /// (map it to "username"), the grade, and a feedback column (map it to the grade item's
    /// feedback) saying what lateness took and why a grade was set by hand.
    public static func moodle(assignment: String, students: [StudentResult]) -> String {
        var lines = [(["Username", assignment, "Feedback"]).map(GradebookCSV.field).joined(separator: ",")]
        for student in students {
            var notes: [String] = []
            for grade in student.exercises {
                if grade.daysLate > 0, grade.status != .error {
                    notes.append("\(grade.exercise): \(grade.daysLate) day\(grade.daysLate == 1 ? "" : "s") late, -\(ReportText.points(grade.latePenaltyPercent))%")
                }
                if let override = grade.override { notes.append("\(grade.exercise): set to \(ReportText.points(override.score)) by hand: \(override.comment)") }
            }
            let cells = [
                GradebookCSV.field(StudentName.visible(student.student)), ReportText.points(student.score),
                GradebookCSV.field(notes.joined(separator: "; ")),
            ]
            lines.append(cells.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
