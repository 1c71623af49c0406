import Foundation
import RESP

/// Runs an exercise against a submission from start to finish on a fresh backend, and grades it.
public struct ExerciseRunner: Sendable {
    /// Where runs happen.
    public let backend: any RedisBackend
    /// What a run on a live Redis does with keys that already match its exercise's patterns.
    public let takenKeys: TakenKeys

    /// On a live Redis, what the exercise's keys already in the database are.
    public enum TakenKeys: Sendable {
        /// Someone else's: the run is refused, naming them, and nothing is changed.
        case refuse
        /// Left by an earlier run of the course on a database it checked (grading): deleted.
        case clear
    }

    /// A runner on `backend`.
    public init(backend: any RedisBackend, takenKeys: TakenKeys = .refuse) {
        self.backend = backend
        self.takenKeys = takenKeys
    }

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
        if let refusal = await rehearse(exercise, submission: submission, limits: limits) { return refusal }
        let environment = ExerciseEnvironment(backend: backend, limits: limits, keys: exercise.keys)
        _ = environment.instance.takeStoppedScript()
        var result = await run(exercise, submission: submission, limits: limits, on: environment)
        // A live Redis stops a runaway script with SCRIPT KILL, and a run whose keys outgrow its
        // memory budget; the learner is told, whatever the checks' own messages say (a closed
        // connection is only the stop's consequence). As every broken limit on the simulator, it
        // earns nothing, whatever checks passed before the stop.
        if let stopped = environment.instance.takeStoppedScript() {
            let message = (result.error ?? "").contains(stopped) ? result.error ?? stopped : stopped
            result = ExerciseSession.notChecked(exercise, because: ExerciseRunError(message), learnerError: result.learnerError)
        }
        // A confined live run's ACL user goes with it.
        await environment.instance.close()
        return result
    }

    /// On a backend with a rehearsal (a live Redis), a submission that runs scripts is first run
    /// there; one whose script loops past its time budget is refused before it reaches the
    /// server, where a script that has written could not be stopped without SHUTDOWN NOSAVE.
    private func rehearse(_ exercise: Exercise, submission: ExerciseSubmission, limits: ExerciseLimits) async -> ExerciseResult? {
        guard let rehearsal = backend.rehearsal, submission.mayRunScripts else { return nil }
        let rehearsed = await ExerciseRunner(backend: rehearsal).run(exercise, submission: submission, limits: limits)
        guard let error = rehearsed.error, error.contains(ExerciseSession.scriptTimeBudgetText) else { return nil }
        return ExerciseSession.notChecked(exercise, because: ExerciseRunError(
            "\(error); it was tried on the built-in simulator first and not sent to \(backend.label), where a looping script that has written anything can be stopped only by SHUTDOWN NOSAVE"),
            learnerError: rehearsed.learnerError)
    }

    private func run(_ exercise: Exercise, submission: ExerciseSubmission, limits: ExerciseLimits, on environment: ExerciseEnvironment) async -> ExerciseResult {
        do throws(ExerciseRunError) {
            switch takenKeys {
            case .clear: try await environment.deleteKeys(matching: exercise.keys)
            case .refuse:
                let taken = try await environment.takenKeys(matching: exercise.keys)
                if !taken.isEmpty { throw Self.refusal(exercise, taken: taken, on: environment.label) }
            }
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

    /// Why a run on a live Redis does not start: keys it would change are there already.
    static func refusal(_ exercise: Exercise, taken: [String], on label: String) -> ExerciseRunError {
        let shown = taken.prefix(5).map { "`\($0)`" }.joined(separator: ", ") + (taken.count > 5 ? ", …" : "")
        return ExerciseRunError(
            "\(label) already holds \(shown), which exercise \(exercise.id) would change (it uses keys matching \(exercise.keys.joined(separator: ", "))); "
                + "redislings changes only keys it creates itself. Rename or delete them yourself, or use an empty database")
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
