import Foundation
import RESP

/// Runs an exercise against a submission from start to finish on a fresh backend, and grades it.
public struct ExerciseRunner: Sendable {
    /// Where runs happen.
    public let backend: any RedisBackend

    /// A runner on `backend`.
    public init(backend: any RedisBackend) { self.backend = backend }

    /// Runs `exercise` with `submission` under `limits`: a fresh backend (on live Redis the
    /// exercise's keys deleted), setup, peers, the learner's commands, the checks. Never throws:
    /// every failure is a result with status `error` and a message naming the line and limit.
    public func run(_ exercise: Exercise, submission: ExerciseSubmission, limits: ExerciseLimits = .learner) async -> ExerciseResult {
        guard submission.answer == exercise.answer else {
            let wanted = exercise.answer == .lua ? "a Lua script (\(exercise.id).lua)" : "Redis commands (\(exercise.id).redis)"
            return ExerciseSession.notChecked(exercise, because: ExerciseRunError("this exercise wants \(wanted), not a .\(submission.answer.rawValue) file"))
        }
        if limits.sandbox, case .lua(let script) = submission, let refusal = ExerciseSandbox.refusalInScript(script) {
            return ExerciseSession.notChecked(exercise, because: ExerciseRunError(
                "line \(refusal.line): \(refusal.reason): it reaches beyond the exercise's own keys; remove it"))
        }
        let environment = ExerciseEnvironment(backend: backend, limits: limits)
        do {
            try await environment.deleteKeys(matching: exercise.keys)
        } catch {
            return ExerciseSession.notChecked(exercise, because: error)
        }
        let session: ExerciseSession
        do {
            session = try await ExerciseSession.start(
                exercise, environment: environment, limits: limits, script: exercise.answer == .lua ? submission.text : nil)
        } catch {
            try? await environment.deleteKeys(matching: exercise.keys)
            return ExerciseSession.notChecked(exercise, because: error)
        }
        var result: ExerciseResult
        do {
            if case .redis(let text) = submission { try await session.runLearner(file: text) }
            result = await session.check()
        } catch {
            result = await session.notChecked(because: error)
        }
        await session.finish()
        return result
    }

    /// What a learner who has done nothing hands in: the starter, or an empty file.
    public static func untouched(_ exercise: Exercise) -> ExerciseSubmission {
        let text = exercise.starter ?? ""
        return exercise.answer == .lua ? .lua(text) : .redis(text)
    }

    /// The reference solution as a submission.
    public static func solution(_ exercise: Exercise) -> ExerciseSubmission {
        exercise.answer == .lua ? .lua(exercise.solution) : .redis(exercise.solution)
    }
}
