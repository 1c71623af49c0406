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

    /// The gradebook as CSV: a row per student, a column per exercise, a total, lateness and
    /// override comments, under a row of maximum points.
    public var csv: String { GradebookCSV.render(exercises: exercises.map { ($0, maxScore(of: $0)) }, students: students) }

    /// Each student's total over every exercise of the class, as Canvas imports it.
    public func canvasCSV(assignment: String) -> String {
        LMSGradebookCSV.canvas(assignment: assignment, maxScore: exercises.reduce(0) { $0 + maxScore(of: $1) }, students: students)
    }

    /// Each student's total, with lateness and overrides as feedback, as Moodle imports it.
    public func moodleCSV(assignment: String) -> String { LMSGradebookCSV.moodle(assignment: assignment, students: students) }

    /// The points `exercise` is graded out of, from its latest grades.
    public func maxScore(of exercise: String) -> Double {
        students.lazy.compactMap { $0.grade(for: exercise)?.maxScore }.first ?? 0
    }

    enum CodingKeys: String, CodingKey {
        case exercises, students
        case className = "class"
    }
}
