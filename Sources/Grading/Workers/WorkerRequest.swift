/// One submission sent to a grading worker, as a line of JSON.
struct WorkerRequest: Codable, Sendable {
    var exercise: String
    var kind: GradedExercise.AnswerKind
    var text: String
}
