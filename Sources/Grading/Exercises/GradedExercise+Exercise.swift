import Exercises

extension GradedExercise {
    /// What grading needs of a course exercise.
    public init(_ exercise: Exercise) {
        self.init(
            id: exercise.id, title: exercise.title, answerKind: exercise.answer == .lua ? .lua : .redis, points: exercise.points,
            checks: exercise.checks.map { Check(name: $0.name, points: $0.points, hidden: $0.hidden) }, hints: exercise.hints)
    }
}
