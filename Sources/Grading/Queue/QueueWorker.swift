import Exercises
import Foundation
import RESP
import Synchronization

/// A grading worker on the queue (`redislings grade-worker --queue`): `jobs` slots, each with
/// its own connection, take jobs from every active run through the consumer group, grade them
/// in isolated worker processes with the run's limits, and write each result and acknowledge
/// the job in one transaction. Jobs left pending by a worker that died are taken over after the
/// run's visibility timeout; one whose workers keep dying is marked failed instead of graded.
public struct QueueWorker: Sendable {
    /// Who the worker is and what it grades with.
    public struct Configuration: Sendable {
        /// The consumer name in the group (unique per worker process).
        public var name: String
        /// Submissions graded at once.
        public var jobs: Int
        /// This machine's exercises and the folder they came from (for the catalog fingerprint).
        public var exercises: [Exercise]
        public var directory: String
        /// Fault injection for the test suite: the worker kills itself (SIGKILL) whenever it is
        /// handed the job with this key, as the kernel's OOM killer would.
        public var crashOnJob: String?

        public init(
            name: String, jobs: Int, exercises: [Exercise], directory: String, crashOnJob: String? = nil
        ) {
            self.name = name
            self.jobs = jobs
            self.exercises = exercises
            self.directory = directory
            self.crashOnJob = crashOnJob
        }
    }

    private let configuration: Configuration
    private let label: String
    private let connect: @Sendable () async throws(GradingError) -> any RedisConnection
    private let makeGrader: @Sendable (QueueRun) -> any SubmissionGrading
    private let log: @Sendable (String) -> Void

    /// `connect` opens a connection to the queue (`label` names it without a password);
    /// `makeGrader` builds the worker processes for a run's limits; `log` prints a line.
    public init(
        configuration: Configuration, label: String, connect: @escaping @Sendable () async throws(GradingError) -> any RedisConnection,
        makeGrader: @escaping @Sendable (QueueRun) -> any SubmissionGrading, log: @escaping @Sendable (String) -> Void
    ) {
        self.configuration = configuration
        self.label = label
        self.connect = connect
        self.makeGrader = makeGrader
        self.log = log
    }

    /// Serves the queue until the task is cancelled or the process is stopped.
    public func run() async throws(GradingError) {
        let queue = QueueConnection(connection: try await connect(), label: label)
        let directory = QueueRunDirectory(
            queue: queue, catalog: configuration.exercises, directory: configuration.directory, makeGrader: makeGrader, log: log)
        _ = try await directory.active(force: true)
        let spareSlot = SpareSlots(first: configuration.jobs)
        await withTaskGroup(of: Void.self) { group in
            for slot in 0..<configuration.jobs {
                group.addTask { await serve(slot: slot, directory: directory, spareSlot: spareSlot) }
            }
        }
        await directory.shutDown()
    }

    /// One slot's loop: take a job, grade it, record it; errors are logged and retried, so a
    /// restart of the queue's Redis pauses the worker instead of ending it.
    private func serve(slot firstSlot: Int, directory: QueueRunDirectory, spareSlot: SpareSlots) async {
        var slot = firstSlot
        var queue: QueueConnection?
        var lastClaim: ContinuousClock.Instant?
        var failing = false
        while !Task.isCancelled {
            do throws(GradingError) {
                if queue == nil { queue = QueueConnection(connection: try await connect(), label: label) }
                guard let queue else { continue }
                let runs = try await directory.active()
                guard !runs.isEmpty else {
                    try? await Task.sleep(for: .seconds(1))
                    continue
                }
                var taken: QueueJob?
                if lastClaim.map({ ContinuousClock.now - $0 >= .seconds(1) }) ?? true {
                    lastClaim = .now
                    taken = try await claimAbandoned(runs, queue: queue, directory: directory)
                }
                if taken == nil { taken = try await readNew(runs, queue: queue) }
                failing = false
                guard let job = taken, let run = runs.first(where: { $0.name == job.run }) else { continue }
                if try await handle(job, run: run, slot: slot, queue: queue, directory: directory) == false {
                    // The submission still runs in the old slot's process: never reuse that slot.
                    slot = spareSlot.take()
                }
            } catch {
                if !failing { log("warning: \(error.message)") }
                failing = true
                _ = try? await directory.active(force: true)
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }

    /// Takes over one job that has sat with another worker longer than its run's visibility
    /// timeout (XAUTOCLAIM), with its delivery count (XPENDING).
    private func claimAbandoned(_ runs: [QueueRun], queue: QueueConnection, directory: QueueRunDirectory) async throws(GradingError) -> QueueJob? {
        for run in runs {
            let keys = run.keys
            let cursor = await directory.claimCursor(run.name)
            let reply = try await queue.call([
                "XAUTOCLAIM", keys.jobs, QueueKeys.group, configuration.name, String(run.claimAfterMilliseconds), cursor, "COUNT", "1",
            ]).arrayValue ?? []
            guard reply.count >= 2 else { continue }
            await directory.setClaimCursor(run.name, reply[0].stringValue ?? "0-0")
            guard let entry = reply[1].arrayValue?.first, var job = QueueJob(entry: entry), let id = job.id else { continue }
            let pending = try await queue.call(["XPENDING", keys.jobs, QueueKeys.group, id, id, "1"]).arrayValue?.first?.arrayValue
            job.deliveries = Int(pending?.count == 4 ? pending?[3].integerValue ?? 2 : 2)
            log("took over \(run.name)/\(job.key) (delivery \(job.deliveries)): its worker stopped answering for \(run.claimAfterMilliseconds / 1000) s")
            return job
        }
        return nil
    }

    /// Reads one new job from any active run, waiting up to a second.
    private func readNew(_ runs: [QueueRun], queue: QueueConnection) async throws(GradingError) -> QueueJob? {
        let streams = runs.map(\.keys.jobs)
        let reply = try await queue.call(
            ["XREADGROUP", "GROUP", QueueKeys.group, configuration.name, "COUNT", "1", "BLOCK", "1000", "STREAMS"] + streams
                + Array(repeating: ">", count: streams.count))
        for stream in reply.arrayValue ?? [] {
            guard let parts = stream.arrayValue, parts.count == 2, let entry = parts[1].arrayValue?.first else { continue }
            return QueueJob(entry: entry)
        }
        return nil
    }

    /// Grades `job` (or marks it failed when its workers keep dying) and records the result;
    /// false when the submission overran every budget and its worker process was abandoned.
    private func handle(_ job: QueueJob, run: QueueRun, slot: Int, queue: QueueConnection, directory: QueueRunDirectory) async throws(GradingError) -> Bool {
        let keys = run.keys
        guard let id = job.id else { return true }
        // Only a job handed out before can have a result: graded by a worker that died before
        // acknowledging, or by one that was slow. A first delivery saves the round trip.
        if job.deliveries > 1, try await queue.call(["HEXISTS", keys.results, job.key]).integerValue == 1 {
            try await queue.call(["XACK", keys.jobs, QueueKeys.group, id])
            return true
        }
        guard let exercise = await directory.exercise(job.exercise, run: run.name) else {
            log("warning: \(run.name)/\(job.key) names \(job.exercise), which is not an exercise of the run; left for another worker")
            return true
        }
        var outcome: SubmissionOutcome
        var finished = true
        if job.deliveries > run.maxDeliveries {
            let times = job.deliveries - 1
            outcome = .failure(
                exercise,
                reason: "not graded: grading it stopped its grading worker (a crash or a kill) on each of its \(times) deliveries")
            log("marked \(run.name)/\(job.key) failed after \(times) deliveries")
        } else {
            if job.key == configuration.crashOnJob { kill(getpid(), SIGKILL) }
            let grader = await directory.grader(for: run)
            // The worker process is killed at the time limit plus 2 s; this only guards a grader that hangs.
            (outcome, finished) = await GradingScheduler.grade(
                GradingJob(index: 0, exercise: exercise, submission: job.submission), slot: slot, grader: grader,
                watchdog: .seconds(run.timeLimit) + .seconds(5))
        }
        let result = QueuedResult(outcome, worker: configuration.name, deliveries: job.deliveries)
        try await queue.call(["EVAL", Self.record, "2", keys.results, keys.jobs, job.key, result.encoded(), QueueKeys.group, id])
        return finished
    }

    /// Stores a job's result unless it has one (the first result wins) and acknowledges the
    /// job, atomically as a MULTI of HSETNX and XACK would, in one round trip instead of four.
    static let record = """
        redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2])
        return redis.call('XACK', KEYS[2], ARGV[3], ARGV[4])
        """
}

/// Slot numbers never used yet, for a job slot whose worker process was abandoned.
private final class SpareSlots: Sendable {
    private let next: Mutex<Int>

    init(first: Int) { next = Mutex(first) }

    func take() -> Int { next.withLock { value in defer { value += 1 }; return value } }
}
