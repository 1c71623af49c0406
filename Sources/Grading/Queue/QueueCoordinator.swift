import Foundation
import RESP

/// The coordinator's side of a grading run on the queue: creates the run (or finds the one an
/// earlier coordinator left), adds one job per submission to the stream, waits until every job
/// has a result, and hands the results back for the gradebook and reports.
public struct QueueCoordinator: Sendable {
    private let queue: QueueConnection
    /// Jobs added per MULTI/EXEC: few round trips, and a transaction of modest size.
    private let batch = 100

    /// A coordinator speaking to the queue over `connection`; `label` names the server without its password.
    public init(connection: any RedisConnection, label: String) {
        queue = QueueConnection(connection: connection, label: label)
    }

    /// The jobs of `plan` for run `name`, in job-index order.
    public static func jobs(of plan: ClassPlan, run name: String) -> [QueueJob] {
        plan.jobs.map { cell in
            QueueJob(
                run: name, key: "\(plan.inventory.students[cell.student])/\(cell.job.exercise.id)", exercise: cell.job.exercise.id,
                submission: cell.job.submission)
        }
    }

    /// The fingerprint of `jobs`: their keys, kinds and texts, in order.
    public static func fingerprint(of jobs: [QueueJob]) -> String {
        var hash = CatalogFingerprint()
        for job in jobs {
            hash.add(job.key)
            hash.add(job.submission.kind.rawValue)
            hash.add(job.submission.text)
        }
        return hash.hex
    }

    /// Creates `run` on the queue, or returns the same run as an earlier coordinator created it
    /// (its `enqueued` says where to go on). A run of that name with other exercises or
    /// submissions is refused rather than mixed.
    public func open(_ run: QueueRun) async throws(GradingError) -> QueueRun {
        let keys = run.keys
        let stored = try await queue.hash(keys.settings)
        if !stored.isEmpty {
            guard let existing = QueueRun(name: run.name, hash: stored) else {
                throw GradingError(
                    "the queue holds a run '\(run.name)' whose settings (\(keys.settings)) cannot be read",
                    help: "Pick another --run name, or delete the run's keys (\(QueueKeys.prefix)run:\(run.name):*).")
            }
            guard existing.catalog == run.catalog, existing.exercises == run.exercises else {
                throw GradingError(
                    "run '\(run.name)' on the queue was started with other exercises",
                    help: "Resume it with the exercises it started with, or pick another --run name.")
            }
            guard existing.submissions == run.submissions, existing.total == run.total else {
                throw GradingError(
                    "run '\(run.name)' on the queue was started with other submissions (the folder changed since)",
                    help: "Resume it with the same submissions, or pick another --run name to grade them afresh.")
            }
            if !existing.finished { try await queue.call(["SADD", QueueKeys.activeRuns, run.name]) }
            return existing
        }
        var fresh = run
        fresh.enqueued = 0
        fresh.finished = false
        try await queue.transaction([
            ["DEL", keys.jobs, keys.results],
            ["XGROUP", "CREATE", keys.jobs, QueueKeys.group, "0", "MKSTREAM"],
            ["HSET", keys.settings] + fresh.fields,
            ["SADD", QueueKeys.activeRuns, run.name],
        ])
        return fresh
    }

    /// Adds the jobs the run does not hold yet; each batch and the count of jobs added move
    /// together, so a coordinator that dies mid-way is resumed without a job added twice.
    public func enqueue(_ jobs: [QueueJob], run: QueueRun) async throws(GradingError) {
        let keys = run.keys
        var next = run.enqueued
        while next < jobs.count {
            let end = min(jobs.count, next + batch)
            var commands = jobs[next..<end].map { ["XADD", keys.jobs, "*"] + $0.fields }
            commands.append(["HSET", keys.settings, "enqueued", String(end)])
            try await queue.transaction(commands)
            next = end
        }
    }

    /// Waits until every job of `run` has a result, telling `progress` (done, total) as results
    /// come in, and returns the results by job key.
    public func results(
        of run: QueueRun, progress: @Sendable (Int, Int) -> Void, stalled: @Sendable (Duration) -> Void = { _ in }
    ) async throws(GradingError) -> [String: SubmissionOutcome] {
        let keys = run.keys
        var done = -1
        var lastChange = ContinuousClock.now
        var polls = 0
        while true {
            let count = Int(try await queue.call(["HLEN", keys.results]).integerValue ?? 0)
            if count != done {
                done = count
                lastChange = .now
                progress(min(count, run.total), run.total)
            } else {
                stalled(.now - lastChange)
            }
            if count >= run.total { break }
            polls += 1
            // A queue restarted without persistence has lost the run: say so rather than wait forever.
            if polls % 25 == 0, try await queue.call(["EXISTS", keys.settings]).integerValue == 0 {
                throw GradingError(
                    "run '\(run.name)' is gone from the grading queue at \(queue.label) (was its Redis restarted without persistence?)",
                    help: "Run the same command again: the run starts afresh under the same --run name.")
            }
            // A cancelled wait ends: `try?` would make the sleep return at once, and the loop
            // would ask the queue for ever as fast as it answers.
            do {
                try await Task.sleep(for: .milliseconds(200))
            } catch {
                throw GradingError("stopped waiting for the results of run '\(run.name)': the wait was cancelled")
            }
        }
        var outcomes: [String: SubmissionOutcome] = [:]
        var cursor = "0"
        repeat {
            let reply = try await queue.call(["HSCAN", keys.results, cursor, "COUNT", "500"]).arrayValue ?? []
            guard reply.count == 2, let next = reply[0].stringValue, let items = reply[1].arrayValue else {
                throw GradingError("the grading queue at \(queue.label) answered HSCAN with \(reply)", help: "The queue needs Redis 7.0 or later.")
            }
            var index = 0
            while index + 1 < items.count {
                if let key = items[index].stringValue, let text = items[index + 1].stringValue, let result = QueuedResult.decode(text) {
                    outcomes[key] = result.outcome
                }
                index += 2
            }
            cursor = next
        } while cursor != "0"
        return outcomes
    }

    /// Marks the run finished: workers stop serving it, and its keys expire after `keep` (so it
    /// can be inspected, or re-imported with the same --run name). Returns the entries still
    /// pending in the group, waiting up to a few seconds for acknowledgements in flight.
    public func finish(_ run: QueueRun, keep: Duration = .seconds(86_400)) async throws(GradingError) -> Int {
        let keys = run.keys
        var pending = 0
        for attempt in 0..<50 {
            let summary = try await queue.call(["XPENDING", keys.jobs, QueueKeys.group]).arrayValue ?? []
            pending = Int(summary.first?.integerValue ?? 0)
            if pending == 0 || attempt == 49 { break }
            try? await Task.sleep(for: .milliseconds(100))
        }
        let seconds = String(max(1, keep.components.seconds))
        try await queue.transaction([
            ["HSET", keys.settings, "finished", "1"],
            ["SREM", QueueKeys.activeRuns, run.name],
            ["EXPIRE", keys.jobs, seconds], ["EXPIRE", keys.results, seconds], ["EXPIRE", keys.settings, seconds],
        ])
        return pending
    }
}
