import Foundation
import Synchronization

/// Grades jobs `parallelism` at a time, each on a slot of its own, and stops waiting for one
/// that overruns its wall-clock budget (so one runaway submission cannot stall the class).
public struct GradingScheduler: Sendable {
    public var parallelism: Int
    /// How long one submission may take before the scheduler gives up on it; the grader's own
    /// budgets should end it sooner, this only guards against a grader that does not return.
    public var watchdog: Duration

    public init(parallelism: Int, watchdog: Duration) {
        self.parallelism = max(1, parallelism)
        self.watchdog = watchdog
    }

    /// The outcome of every job, by index. `progress` is told after each job (done, total).
    public func run(
        _ jobs: [GradingJob], grader: any SubmissionGrading, progress: (@Sendable (Int, Int) -> Void)? = nil
    ) async -> [Int: SubmissionOutcome] {
        var outcomes: [Int: SubmissionOutcome] = [:]
        var pending = jobs[...]
        var freeSlots = Array((0..<min(parallelism, max(1, jobs.count))).reversed())
        var nextSlot = freeSlots.count
        await withTaskGroup(of: (Int, Int, SubmissionOutcome, Bool).self) { group in
            func startNext() {
                guard let job = pending.popFirst(), let slot = freeSlots.popLast() else { return }
                group.addTask { [watchdog] in
                    let (outcome, finished) = await Self.grade(job, slot: slot, grader: grader, watchdog: watchdog)
                    return (job.index, slot, outcome, finished)
                }
            }
            while !freeSlots.isEmpty && !pending.isEmpty { startNext() }
            while let (index, slot, outcome, finished) = await group.next() {
                outcomes[index] = outcome
                progress?(outcomes.count, jobs.count)
                // A slot whose submission is still running somewhere is never handed out again.
                if finished {
                    freeSlots.append(slot)
                } else {
                    freeSlots.append(nextSlot)
                    nextSlot += 1
                }
                startNext()
            }
        }
        return outcomes
    }

    /// Runs one job, or gives up after `watchdog` with an error outcome; the second value is
    /// false when the grader was abandoned.
    static func grade(_ job: GradingJob, slot: Int, grader: any SubmissionGrading, watchdog: Duration) async -> (SubmissionOutcome, Bool) {
        let race = Race()
        return await withCheckedContinuation { continuation in
            race.install(continuation)
            let sleeper = Task.detached {
                do { try await Task.sleep(for: watchdog) } catch { return }
                let seconds = Double(watchdog.components.seconds) + Double(watchdog.components.attoseconds) / 1e18
                let reason = "the submission was still running after \(String(format: "%g", seconds)) s and was stopped"
                race.finish((SubmissionOutcome.failure(job.exercise, reason: reason), false))
            }
            Task.detached {
                let outcome = await grader.grade(job.exercise, submission: job.submission, slot: slot)
                sleeper.cancel()
                race.finish((outcome, true))
            }
        }
    }
}

/// The first of two racers to finish resumes the continuation; the other is ignored.
private final class Race: Sendable {
    private let continuation = Mutex<CheckedContinuation<(SubmissionOutcome, Bool), Never>?>(nil)

    func install(_ value: CheckedContinuation<(SubmissionOutcome, Bool), Never>) {
        continuation.withLock { $0 = value }
    }

    func finish(_ result: (SubmissionOutcome, Bool)) {
        let waiting = continuation.withLock { value -> CheckedContinuation<(SubmissionOutcome, Bool), Never>? in
            defer { value = nil }
            return value
        }
        waiting?.resume(returning: result)
    }
}
