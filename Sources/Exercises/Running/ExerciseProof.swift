import RESP

/// What `dev check` proves of an exercise: it fails when the learner does nothing, and its
/// reference solution passes every check.
public enum ExerciseProof {
    /// The problems found running `exercise` untouched and with its solution on `backend`.
    public static func prove(_ exercise: Exercise, on backend: any RedisBackend, limits: ExerciseLimits = .learner) async -> [ExerciseProblem] {
        var problems: [ExerciseProblem] = []
        let on = backend.makesFreshInstances ? "" : " on \(backend.label)"
        let runner = ExerciseRunner(backend: backend)
        let probe = ExerciseEnvironment(backend: backend, limits: limits)
        let keysBefore = await probe.allKeys()
        let untouched = await runner.run(exercise, submission: ExerciseRunner.untouched(exercise), limits: limits)
        if untouched.status == .passed {
            problems.append(ExerciseProblem(
                file: exercise.file, line: exercise.checks.first?.line ?? 1,
                message: "the exercise passes\(on) when the learner does nothing",
                fix: "make at least one check judge what the learner must do (setup and peers alone must not satisfy it)"))
        }
        let solved = await runner.run(exercise, submission: ExerciseRunner.solution(exercise), limits: limits)
        if let error = solved.error {
            problems.append(ExerciseProblem(file: exercise.file, line: exercise.instructionsLine - 1,
                                            message: "the solution stops with an error\(on): \(error)", fix: "fix the solution or the steps it names"))
        }
        for (check, result) in zip(exercise.checks, solved.checks) where result.status == .failed {
            problems.append(ExerciseProblem(
                file: exercise.file, line: check.line, message: "the solution fails the check `\(check.name)`\(on)",
                fix: "fix the solution, or the check's expectation (it said: \(result.message))"
                    + (backend.makesFreshInstances ? "" : "; on a live Redis a run may change only keys its `keys` patterns match, so a key they miss is refused (NOPERM)")))
        }
        if let keysBefore, let keysAfter = await probe.allKeys() {
            let left = keysAfter.subtracting(keysBefore).sorted()
            if !left.isEmpty {
                let shown = left.prefix(5).joined(separator: ", ") + (left.count > 5 ? ", …" : "")
                problems.append(ExerciseProblem(
                    file: exercise.file, line: 2, message: "the exercise left keys behind on \(backend.label): \(shown)",
                    fix: "add patterns for them to `keys`, so a live Redis is cleaned before and after each run"))
            }
        }
        return problems
    }
}
