/// Everything one student got in a grading run, one grade per exercise in the run's order.
public struct StudentResult: Sendable, Hashable, Codable {
    public var student: String
    public var score: Double
    public var maxScore: Double
    public var exercises: [ExerciseGrade]

    public init(student: String, exercises: [ExerciseGrade]) {
        self.student = student
        self.exercises = exercises
        score = exercises.reduce(0) { $0 + $1.score }
        maxScore = exercises.reduce(0) { $0 + $1.maxScore }
    }

    /// The grade for `exercise`, if it was part of the run.
    public func grade(for exercise: String) -> ExerciseGrade? { exercises.first { $0.exercise == exercise } }

    enum CodingKeys: String, CodingKey {
        case student, score, exercises
        case maxScore = "max_score"
    }
}
