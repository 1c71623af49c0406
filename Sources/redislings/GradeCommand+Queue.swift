import Basics
import Exercises
import Foundation
import Grading
import LiveRedis
import RESP
import Synchronization

extension GradeCommand {
    /// Grades `inventory` through the queue (the coordinator's part): plans the class as a local
    /// run would, adds the jobs to the run's stream, waits for the workers' results, and
    /// assembles them into the same results a local run gives. Returns them with the label
    /// the gradebook records as the backend.
    func gradeThroughQueue(
        _ inventory: SubmissionInventory, classGrader: ClassGrader, exercises: [Exercise], directory: String,
        className: String, started: Date
    ) async throws -> (ClassResults, String) {
        guard let url = try QueueAddress.resolve(queue.url) else { throw CommandLineError(message: "no queue URL", help: "Pass --queue URL.") }
        if backend.liveURL != nil {
            throw CommandLineError(
                message: "--live and --queue do not go together: with --queue, the workers grade",
                help: "Pass --live to each `redislings grade-worker` that should grade on a live Redis.")
        }
        let plan = classGrader.plan(inventory)
        let name = queue.run ?? Self.defaultRunName(className: className, started: started)
        let jobs = QueueCoordinator.jobs(of: plan, run: name)
        let catalog: String
        switch CatalogFingerprint.exercises(exercises.map(\.id), of: exercises, directory: directory) {
        case .success(let fingerprint): catalog = fingerprint
        case .failure(let error): throw error.commandLineError
        }
        let connection: any RedisConnection
        do {
            connection = try await QueueAddress.connect(url)
        } catch {
            throw error.commandLineError
        }
        do throws(GradingError) {
            let coordinator = QueueCoordinator(connection: connection, label: url.description)
            let wanted = QueueRun(
                name: name, exercises: exercises.map(\.id), catalog: catalog, submissions: QueueCoordinator.fingerprint(of: jobs),
                total: jobs.count, timeLimit: grading.timeLimit, commandLimit: grading.commandLimit, memoryLimit: grading.memoryLimit,
                claimAfterMilliseconds: queue.claimAfterMilliseconds(timeLimit: grading.timeLimit), maxDeliveries: queue.maxDeliveries)
            let run = try await coordinator.open(wanted)
            let resumed = run.enqueued > 0 || run.finished
            note(resumed
                ? "Resuming run '\(name)' on the grading queue at \(url): \(run.enqueued) of \(count(jobs.count, "job")) were added before."
                : "Run '\(name)' on the grading queue at \(url): \(count(jobs.count, "job")). If this coordinator stops, resume with --run \(name).")
            try await coordinator.enqueue(jobs, run: run)
            let bar = ProgressBar(label: "graded by workers")
            let hint = WaitingHint(url: url)
            let byKey = try await coordinator.results(
                of: run, progress: { done, total in bar.update(done: done, total: total) }, stalled: { hint.stalled(for: $0) })
            bar.finish()
            var outcomes: [Int: SubmissionOutcome] = [:]
            for (index, job) in jobs.enumerated() { outcomes[index] = byKey[job.key] }
            let results = classGrader.assemble(plan, outcomes: outcomes, now: started)
            let pending = try await coordinator.finish(run)
            if pending > 0 { note("warning: \(pending) jobs are still pending in the group (a worker graded them twice and has not acknowledged yet)") }
            await connection.close()
            return (results, "queue \(url) (run '\(name)')")
        } catch {
            await connection.close()
            throw error.commandLineError
        }
    }

    /// `<class>-<UTC time>`, a name that is new for every run and valid as a run name.
    static func defaultRunName(className: String, started: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        let plain = String(className.unicodeScalars.map { scalar in
            CharacterSet.alphanumerics.contains(scalar) && scalar.isASCII || "-_.".unicodeScalars.contains(scalar) ? Character(scalar) : "-"
        }.prefix(60))
        return (plain.isEmpty ? "class" : plain) + "-" + formatter.string(from: started)
    }

    private func note(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

/// Tells the instructor, once, that no worker has answered for a while and how to start one.
private final class WaitingHint: Sendable {
    private let url: RedisURL
    private let shown = Mutex(false)

    init(url: RedisURL) { self.url = url }

    func stalled(for duration: Duration) {
        guard duration >= .seconds(10), !shown.withLock({ let was = $0; $0 = true; return was }) else { return }
        FileHandle.standardError.write(Data(
            "No results for 10 s: are workers running? Start some with `redislings grade-worker --queue \(url)` (the password in \(QueueAddress.environmentKey)).\n".utf8))
    }
}
