/// A cell of the gradebook: one student, one exercise.
public struct GradeKey: Sendable, Hashable, Codable {
    public var student: String
    public var exercise: String

    public init(student: String, exercise: String) {
        self.student = student
        self.exercise = exercise
    }
}
