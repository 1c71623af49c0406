import Basics
import Exercises
import Foundation
import Synchronization

/// Grades each submission in a worker process, one worker per parallel slot: whatever a
/// submission does — loop, allocate without end, crash the engine — ends at most its worker,
/// which is replaced for the next submission. The parent enforces the wall clock by killing
/// the worker.
public final class ProcessGrader: SubmissionGrading {
    private let command: @Sendable (Int) -> [String]
    private let wallClock: Duration
    private let memoryText: String
    private let workers = Mutex<[Int: WorkerProcess]>([:])
    /// How long a new worker may take to load before it is given a submission.
    static let startUpLimit: Duration = .seconds(120)

    /// `command(slot)` is the worker's command line for a slot (the executable first);
    /// `wallClock` is how long one submission may take before its worker is killed.
    public init(wallClock: Duration, memoryBudgetText: String, command: @escaping @Sendable (Int) -> [String]) {
        self.command = command
        self.wallClock = wallClock
        memoryText = memoryBudgetText
    }

    public func grade(_ exercise: GradedExercise, submission: SubmissionText, slot: Int) async -> SubmissionOutcome {
        // The wait for the worker blocks: on a thread of its own, it cannot stall the tasks
        // that report progress and enforce the other submissions' limits.
        await onOwnThread(named: "grading-slot") { self.gradeBlocking(exercise, submission: submission, slot: slot) }
    }

    /// Stops every worker.
    public func shutDown() {
        let all = workers.withLock { workers in
            defer { workers.removeAll() }
            return Array(workers.values)
        }
        for worker in all { worker.stop() }
    }

    private func gradeBlocking(_ exercise: GradedExercise, submission: SubmissionText, slot: Int) -> SubmissionOutcome {
        let worker: WorkerProcess
        do {
            worker = try workers.withLock { workers in
                if let existing = workers[slot] { return existing }
                let started = try WorkerProcess(command(slot))
                workers[slot] = started
                return started
            }
        } catch {
            return .failure(exercise, reason: "\(error)")
        }
        if !worker.isReady {
            // Starting a worker (loading the binary and the course) on a busy machine can take
            // longer than a submission may run: it must not be charged to the submission.
            switch worker.nextLine(within: Self.startUpLimit) {
            case .line(let line) where line == GradingWorker.readyLine:
                worker.isReady = true
            case .line, .exited:
                retire(slot, worker)
                return .failure(exercise, reason: InfrastructureError.text("the grading worker failed to start", exercise: exercise.id))
            case .timedOut:
                retire(slot, worker)
                return .failure(exercise, reason: InfrastructureError.text(
                    "the grading worker did not start within \(Self.startUpLimit.components.seconds) s (is the machine overloaded?)", exercise: exercise.id))
            }
        }
        let request = WorkerRequest(exercise: exercise.id, kind: submission.kind, text: submission.text)
        guard let data = try? JSONEncoder().encode(request) else { return .failure(exercise, reason: "the submission could not be sent to a worker") }
        // A little more than the runner's own wall clock, which should stop the run first.
        switch worker.ask(data, timeout: wallClock + .seconds(2)) {
        case .line(let line):
            guard let result = try? JSONDecoder().decode(Exercises.ExerciseResult.self, from: line) else {
                retire(slot, worker)
                return .failure(exercise, reason: "the grading worker answered something unreadable")
            }
            return SubmissionOutcome(result)
        case .timedOut:
            retire(slot, worker)
            let seconds = wallClock.components.seconds
            return .failure(exercise, reason: "the submission was still running after \(seconds) s, the time limit, and was stopped")
        case .exited(let how):
            retire(slot, worker)
            return .failure(exercise, reason: "the submission stopped its grading worker (\(how)): most likely it used more memory than the budget of \(memoryText)")
        }
    }

    private func retire(_ slot: Int, _ worker: WorkerProcess) {
        workers.withLock { workers in if workers[slot] === worker { workers[slot] = nil } }
        worker.stop()
    }

    deinit { shutDown() }
}
