import Basics
import Exercises
import Foundation

/// What a worker knows of the runs on the queue: their settings, whether this machine's
/// exercises match each run's, a grader per run (its limits), and each run's claim cursor.
/// Refreshed from the queue at most once a second, however many job slots ask.
actor QueueRunDirectory {
    private struct Entry {
        var run: QueueRun
        /// Why this worker does not serve the run (its exercises differ), or nil.
        var refusal: String?
        var exercises: [String: GradedExercise] = [:]
        var grader: (any SubmissionGrading)?
        var claimCursor = "0-0"
    }

    private let queue: QueueConnection
    private let catalog: [Exercise]
    private let directory: String
    private let makeGrader: @Sendable (QueueRun) -> any SubmissionGrading
    private let log: @Sendable (String) -> Void
    private var entries: [String: Entry] = [:]
    private var refreshed: ContinuousClock.Instant?
    private var refreshing = false

    init(
        queue: QueueConnection, catalog: [Exercise], directory: String, makeGrader: @escaping @Sendable (QueueRun) -> any SubmissionGrading,
        log: @escaping @Sendable (String) -> Void
    ) {
        self.queue = queue
        self.catalog = catalog
        self.directory = directory
        self.makeGrader = makeGrader
        self.log = log
    }

    /// The runs this worker serves, refreshed when the last look is over a second old (or `force`).
    func active(force: Bool = false) async throws(GradingError) -> [QueueRun] {
        let stale = refreshed.map { ContinuousClock.now - $0 >= .seconds(1) } ?? true
        if (stale || force) && !refreshing {
            refreshing = true
            defer { refreshing = false }
            try await refresh()
            refreshed = .now
        }
        return entries.values.filter { $0.refusal == nil && !$0.run.finished }.map(\.run).sorted { $0.name < $1.name }
    }

    private func refresh() async throws(GradingError) {
        let names = Set((try await queue.call(["SMEMBERS", QueueKeys.activeRuns]).arrayValue ?? []).compactMap(\.stringValue))
        for gone in Set(entries.keys).subtracting(names) {
            entries[gone]?.grader?.shutDown()
            entries[gone] = nil
        }
        for name in names where entries[name] == nil {
            guard QueueKeys.problem(withRunName: name) == nil else { continue }
            let hash = try await queue.hash(QueueKeys(run: name).settings)
            guard let run = QueueRun(name: name, hash: hash) else { continue }
            entries[name] = entry(for: run)
        }
    }

    private func entry(for run: QueueRun) -> Entry {
        let mine = CatalogFingerprint.exercises(run.exercises, of: catalog, directory: directory)
        var entry = Entry(run: run)
        switch mine {
        case .success(let fingerprint) where fingerprint == run.catalog:
            for id in run.exercises {
                if let exercise = catalog.first(where: { $0.id == id }) { entry.exercises[id] = GradedExercise(exercise) }
            }
            log("serving run '\(run.name)': \(count(run.total, "job")) on \(count(run.exercises.count, "exercise"))")
        case .success:
            entry.refusal = "its exercises differ from this machine's (\(directory))"
        case .failure(let error):
            entry.refusal = "\(error.message) (\(directory))"
        }
        if let refusal = entry.refusal {
            log("warning: not serving run '\(run.name)': \(refusal); give this worker the run's exercises with --exercises DIR")
        }
        return entry
    }

    /// The exercise `id` as run `name` grades it.
    func exercise(_ id: String, run name: String) -> GradedExercise? { entries[name]?.exercises[id] }

    /// The grader of run `run`, started on first use.
    func grader(for run: QueueRun) -> any SubmissionGrading {
        if let grader = entries[run.name]?.grader { return grader }
        let grader = makeGrader(run)
        entries[run.name]?.grader = grader
        return grader
    }

    /// Where this worker's next XAUTOCLAIM of run `name` starts.
    func claimCursor(_ name: String) -> String { entries[name]?.claimCursor ?? "0-0" }

    func setClaimCursor(_ name: String, _ cursor: String) { entries[name]?.claimCursor = cursor }

    /// Stops every run's worker processes.
    func shutDown() {
        for entry in entries.values { entry.grader?.shutDown() }
    }
}
