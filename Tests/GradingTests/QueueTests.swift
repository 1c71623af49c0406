import Foundation
import RESP
import RedisBackends
import Synchronization
import Testing
@testable import Grading

/// The grading queue's pieces, and coordinator and workers together on the built-in simulator
/// (the end-to-end test in EndToEndTests runs the binaries on a real redis-server).
@Suite struct QueueTests {
    @Test func runSettingsSurviveTheHashAndMalformedOnesAreRefused() {
        let run = QueueRun(
            name: "fall", exercises: ["ex-counter", "ex-lock"], catalog: "abc", submissions: "def", total: 10, enqueued: 4,
            timeLimit: 20, commandLimit: 5_000, memoryLimit: 64, claimAfterMilliseconds: 50_000, maxDeliveries: 3)
        var hash: [String: String] = [:]
        for index in stride(from: 0, to: run.fields.count, by: 2) { hash[run.fields[index]] = run.fields[index + 1] }
        #expect(QueueRun(name: "fall", hash: hash) == run)
        hash["enqueued"] = "11"
        #expect(QueueRun(name: "fall", hash: hash) == nil)
        hash["enqueued"] = "4"
        hash["max-deliveries"] = nil
        #expect(QueueRun(name: "fall", hash: hash) == nil)
    }

    @Test func jobsTravelAsStreamEntries() {
        let job = QueueJob(run: "fall", key: "ada/ex-lock", exercise: "ex-lock", submission: SubmissionText(kind: .lua, text: "return 1\n"))
        let entry = RESPValue.array([.bulk("5-1"), .bulkArray(job.fields)])
        var expected = job
        expected.id = "5-1"
        #expect(QueueJob(entry: entry) == expected)
        #expect(QueueJob(entry: .array([.bulk("5-1"), .bulkArray(["run", "fall", "key", "ada/ex-lock"])])) == nil)
        #expect(QueueJob(entry: .nullArray) == nil)
    }

    @Test func fingerprintsTellContentsApart() {
        func hex(_ parts: [String]) -> String {
            var hash = CatalogFingerprint()
            for part in parts { hash.add(part) }
            return hash.hex
        }
        #expect(hex(["ab", "c"]) == hex(["ab", "c"]))
        #expect(hex(["ab", "c"]) != hex(["a", "bc"]))
        #expect(hex(["SET counter 3"]) != hex(["SET counter 4"]))
        #expect(hex([]).count == 32)
    }

    @Test func runNamesArePlain() {
        #expect(QueueKeys.problem(withRunName: "fall-2026_week.3") == nil)
        for bad in ["", "a b", "x:y", "é", String(repeating: "a", count: 101)] {
            #expect(QueueKeys.problem(withRunName: bad) != nil, "\(bad)")
        }
    }

    @Test func workersGradeEveryJobOnceTakeOverAbandonedJobsAndSetPoisonAside() async throws {
        let backend = SimulatorBackend()
        let exercises = try SampleClass.exercises()
        let ids = exercises.map(\.id)
        let catalog = try CatalogFingerprint.exercises(ids, of: exercises, directory: SampleClass.exercisesDirectory).get()
        let jobs = (0..<6).map { index in
            QueueJob(run: "t", key: "s\(index)/ex-counter", exercise: "ex-counter", submission: SubmissionText(kind: .redis, text: index == 5 ? "fail 1" : "pass"))
        }
        let connection = try await backend.connect()
        let coordinator = QueueCoordinator(connection: connection, label: "simulator")
        let wanted = QueueRun(
            name: "t", exercises: ids, catalog: catalog, submissions: QueueCoordinator.fingerprint(of: jobs), total: jobs.count,
            timeLimit: 5, commandLimit: 100, memoryLimit: 64, claimAfterMilliseconds: 100, maxDeliveries: 3)
        let run = try await coordinator.open(wanted)
        #expect(run.enqueued == 0)
        try await coordinator.enqueue(jobs, run: run)
        #expect(try await coordinator.open(wanted).enqueued == 6)
        var other = wanted
        other.submissions = "different"
        await #expect(throws: GradingError.self) { try await coordinator.open(other) }

        // A consumer takes two jobs and dies; the second has been delivered four times already.
        let keys = run.keys
        let ghost = try await backend.connect()
        let taken = try await ghost.send(strings: ["XREADGROUP", "GROUP", "graders", "ghost", "COUNT", "2", "STREAMS", keys.jobs, ">"])
        let ids2 = taken.arrayValue?.first?.arrayValue?[1].arrayValue?.compactMap { $0.arrayValue?.first?.stringValue } ?? []
        #expect(ids2.count == 2)
        for _ in 0..<3 { _ = try await ghost.send(strings: ["XCLAIM", keys.jobs, "graders", "ghost", "0", ids2[1]]) }

        let worker = QueueWorker(
            configuration: .init(name: "w", jobs: 2, exercises: exercises, directory: SampleClass.exercisesDirectory), label: "simulator",
            connect: { () async throws(GradingError) -> any RedisConnection in
                do { return try await backend.connect() } catch { throw GradingError("\(error)") }
            },
            makeGrader: { _ in ScriptedGrader() }, log: { _ in })
        let serving = Task { try await worker.run() }
        defer { serving.cancel() }
        let outcomes = try await Self.results(of: run, from: coordinator)
        let results = try #require(outcomes, "the worker did not grade the run within 60 s")
        #expect(results.count == 6)
        #expect(results["s0/ex-counter"]?.status == .passed)
        #expect(results["s2/ex-counter"]?.status == .passed)
        #expect(results["s5/ex-counter"]?.status == .failed)
        let poison = try #require(results["s1/ex-counter"])
        #expect(poison.status == .error)
        #expect(poison.error == "not graded: grading it stopped its grading worker (a crash or a kill) on each of its 4 deliveries")
        let stored = try await connection.send(strings: ["HGET", keys.results, "s0/ex-counter"]).stringValue ?? ""
        #expect(QueuedResult.decode(stored)?.deliveries == 2)
        #expect(QueuedResult.decode(stored)?.worker == "w")
        #expect(try await coordinator.finish(run) == 0)
        #expect(try await connection.send(strings: ["SISMEMBER", QueueKeys.activeRuns, "t"]).integerValue == 0)
    }

    @Test func aFreshJobCostsOneReadAndOneWriteAndAGradedOneIsOnlyAcknowledged() async throws {
        let backend = SimulatorBackend()
        let exercises = try SampleClass.exercises()
        let ids = exercises.map(\.id)
        let catalog = try CatalogFingerprint.exercises(ids, of: exercises, directory: SampleClass.exercisesDirectory).get()
        let jobs = (0..<3).map { index in
            QueueJob(run: "r", key: "s\(index)/ex-counter", exercise: "ex-counter", submission: SubmissionText(kind: .redis, text: "pass s\(index)"))
        }
        let connection = try await backend.connect()
        let coordinator = QueueCoordinator(connection: connection, label: "simulator")
        let run = try await coordinator.open(QueueRun(
            name: "r", exercises: ids, catalog: catalog, submissions: QueueCoordinator.fingerprint(of: jobs), total: jobs.count,
            timeLimit: 5, commandLimit: 100, memoryLimit: 64, claimAfterMilliseconds: 100, maxDeliveries: 3))
        try await coordinator.enqueue(jobs, run: run)

        // A worker took s0, wrote its result and died before acknowledging it.
        let keys = run.keys
        let ghost = try await backend.connect()
        _ = try await ghost.send(strings: ["XREADGROUP", "GROUP", "graders", "ghost", "COUNT", "1", "STREAMS", keys.jobs, ">"])
        let earlier = QueuedResult(.failure(GradedExercise(exercises[0]), reason: "graded by the ghost"), worker: "ghost", deliveries: 1)
        _ = try await ghost.send(strings: ["HSET", keys.results, "s0/ex-counter", earlier.encoded()])

        let sent = CommandLog()
        let grader = ScriptedGrader()
        let worker = QueueWorker(
            configuration: .init(name: "w", jobs: 1, exercises: exercises, directory: SampleClass.exercisesDirectory), label: "simulator",
            connect: { () async throws(GradingError) -> any RedisConnection in
                do { return RecordingConnection(try await backend.connect(), log: sent) } catch { throw GradingError("\(error)") }
            },
            makeGrader: { _ in grader }, log: { _ in })
        let serving = Task { try await worker.run() }
        defer { serving.cancel() }
        let outcomes = try await Self.results(of: run, from: coordinator)
        let results = try #require(outcomes, "the worker did not grade the run within 60 s")
        #expect(results["s0/ex-counter"]?.error == "graded by the ghost")
        #expect(results["s1/ex-counter"]?.status == .passed)
        #expect(results["s2/ex-counter"]?.status == .passed)
        #expect(grader.graded == ["pass s1", "pass s2"])
        #expect(try await coordinator.finish(run) == 0)
        // The two fresh jobs: no HEXISTS, one EVAL each; the taken-over one: HEXISTS, then XACK.
        let names = sent.names
        #expect(names.filter { $0 == "HEXISTS" }.count == 1)
        #expect(names.filter { $0 == "EVAL" }.count == 2)
        #expect(names.filter { $0 == "XACK" }.count == 1)
        #expect(!names.contains("MULTI"))
    }

    /// The run's results as the coordinator collects them, or nil when they take over a minute.
    static func results(of run: QueueRun, from coordinator: QueueCoordinator) async throws -> [String: SubmissionOutcome]? {
        try await withThrowingTaskGroup(of: [String: SubmissionOutcome]?.self) { group in
            group.addTask { try await coordinator.results(of: run, progress: { _, _ in }) }
            group.addTask {
                try await Task.sleep(for: .seconds(60))
                return nil
            }
            let first = try await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }

    @Test func aCoordinatorWhoseRunVanishedFromTheQueueSaysSo() async throws {
        let backend = SimulatorBackend()
        let connection = try await backend.connect()
        let coordinator = QueueCoordinator(connection: connection, label: "simulator")
        let job = QueueJob(run: "lost", key: "ada/ex-counter", exercise: "ex-counter", submission: SubmissionText(kind: .redis, text: "pass"))
        let run = try await coordinator.open(QueueRun(
            name: "lost", exercises: ["ex-counter"], catalog: "c", submissions: QueueCoordinator.fingerprint(of: [job]), total: 1,
            timeLimit: 5, commandLimit: 100, memoryLimit: 64, claimAfterMilliseconds: 10_000, maxDeliveries: 3))
        try await coordinator.enqueue([job], run: run)
        // What a restart without persistence leaves: nothing.
        _ = try await connection.send(strings: ["FLUSHALL"])
        await #expect {
            _ = try await coordinator.results(of: run, progress: { _, _ in })
        } throws: { error in
            (error as? GradingError)?.message.hasPrefix("run 'lost' is gone from the grading queue") == true
        }
    }

    /// A coordinator whose wait is cancelled stops asking the queue and says why, rather than
    /// polling for ever (its sleep would return at once, cancelled).
    @Test func aCancelledWaitForResultsEnds() async throws {
        let backend = SimulatorBackend()
        let coordinator = QueueCoordinator(connection: try await backend.connect(), label: "simulator")
        let job = QueueJob(run: "slow", key: "ada/ex-counter", exercise: "ex-counter", submission: SubmissionText(kind: .redis, text: "pass"))
        let run = try await coordinator.open(QueueRun(
            name: "slow", exercises: ["ex-counter"], catalog: "c", submissions: QueueCoordinator.fingerprint(of: [job]), total: 1,
            timeLimit: 5, commandLimit: 100, memoryLimit: 64, claimAfterMilliseconds: 10_000, maxDeliveries: 3))
        try await coordinator.enqueue([job], run: run)
        let ending = WaitEnding()
        let waiting = Task {
            do throws(GradingError) {
                _ = try await coordinator.results(of: run, progress: { _, _ in })
                ending.note("results")
            } catch {
                ending.note(error.message)
            }
        }
        try await Task.sleep(for: .milliseconds(300))
        waiting.cancel()
        // It ends within milliseconds; ten seconds only keeps a spinning wait from hanging the suite.
        for _ in 0..<1_000 where ending.text == nil { try await Task.sleep(for: .milliseconds(10)) }
        #expect(ending.text == "stopped waiting for the results of run 'slow': the wait was cancelled")
    }
}

/// How a wait for results ended: "results", or the error's message.
private final class WaitEnding: Sendable {
    private let ending = Mutex<String?>(nil)

    var text: String? { ending.withLock { $0 } }

    func note(_ text: String) { ending.withLock { $0 = text } }
}

/// The names of the commands sent through `RecordingConnection`s, in order.
private final class CommandLog: Sendable {
    private let sent = Mutex<[String]>([])

    var names: [String] { sent.withLock { $0 } }

    func add(_ name: String) { sent.withLock { $0.append(name) } }
}

/// A connection that notes each command's name in a log, to count the queue's round trips.
private final class RecordingConnection: RedisConnection {
    private let inner: any RedisConnection
    private let log: CommandLog

    init(_ inner: any RedisConnection, log: CommandLog) {
        self.inner = inner
        self.log = log
    }

    var pushes: AsyncStream<RESPValue> { inner.pushes }

    func send(_ arguments: [[UInt8]]) async throws(RedisConnectionError) -> RESPValue {
        log.add(arguments.first.map { String(decoding: $0, as: UTF8.self).uppercased() } ?? "")
        return try await inner.send(arguments)
    }

    func close() async { await inner.close() }
}
