/// A class's current gradebook: for every student and exercise the latest graded result,
/// with the instructor's overrides in force.
public struct Gradebook: Sendable, Hashable, Codable {
    public var className: String
    /// Every exercise ever graded for the class, in the order they were first graded.
    public var exercises: [String]
    /// Students sorted by name; an exercise never graded for a student is absent from theirs.
    public var students: [StudentResult]

    public init(className: String, exercises: [String], students: [StudentResult]) {
        self.className = className
        self.exercises = exercises
        self.students = students
    }

    /// The gradebook as CSV: a row per student, a column per exercise, a total.
    public var csv: String {
        GradebookCSV.render(exercises: exercises, rows: students.map { student in
            (student.student, exercises.map { student.grade(for: $0)?.score })
        })
    }

    enum CodingKeys: String, CodingKey {
        case exercises, students
        case className = "class"
    }
}
