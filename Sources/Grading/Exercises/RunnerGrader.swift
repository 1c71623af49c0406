import Exercises

/// Grades submissions with the exercise runner: each on a fresh backend (a new simulator, or
/// the live database of its parallel slot) under the grading limits.
public struct RunnerGrader: SubmissionGrading {
    private let exercises: [String: Exercise]
    private let limits: ExerciseLimits
    private let backend: @Sendable (Int) -> ExerciseBackend

    /// A grader for `exercises`; `backend` gives the backend of a parallel slot (the same
    /// simulator factory for all, or one live database per slot).
    public init(exercises: [Exercise], limits: ExerciseLimits, backend: @escaping @Sendable (Int) -> ExerciseBackend) {
        self.exercises = Dictionary(exercises.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.limits = limits
        self.backend = backend
    }

    /// A grader on a fresh built-in simulator per submission.
    public static func simulator(exercises: [Exercise], limits: ExerciseLimits) -> RunnerGrader {
        RunnerGrader(exercises: exercises, limits: limits) { _ in .simulator }
    }

    public func grade(_ exercise: GradedExercise, submission: SubmissionText, slot: Int) async -> SubmissionOutcome {
        guard let full = exercises[exercise.id] else {
            return .failure(exercise, reason: "the exercise \(exercise.id) is not in the catalog being graded")
        }
        let answer: ExerciseSubmission = submission.kind == .lua ? .lua(submission.text) : .redis(submission.text)
        let result = await ExerciseRunner(backend: backend(slot)).run(full, submission: answer, limits: limits)
        return SubmissionOutcome(result)
    }
}
