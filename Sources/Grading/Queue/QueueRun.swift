import Foundation

/// A grading run on the queue as its settings hash stores it: what the coordinator decided
/// once, so every worker grades the run the same way wherever it runs.
public struct QueueRun: Sendable, Hashable {
    public var name: String
    /// The exercises graded, by id, and the fingerprint of their files (`CatalogFingerprint`).
    public var exercises: [String]
    public var catalog: String
    /// The fingerprint of every job (key and submission text), so a resumed run is the same run.
    public var submissions: String
    /// Jobs in the run, and how many the coordinator has added to the stream so far.
    public var total: Int
    public var enqueued: Int
    /// The limits of one submission, as `grade --time-limit/--command-limit/--memory-limit` set them.
    public var timeLimit: Int
    public var commandLimit: Int
    public var memoryLimit: Int
    /// How long a job may sit with a worker before another worker takes it over.
    public var claimAfterMilliseconds: Int
    /// Deliveries after which a job that keeps losing its worker is marked failed.
    public var maxDeliveries: Int
    /// True once the coordinator has written the gradebook and reports.
    public var finished: Bool

    public init(
        name: String, exercises: [String], catalog: String, submissions: String, total: Int, enqueued: Int = 0,
        timeLimit: Int, commandLimit: Int, memoryLimit: Int, claimAfterMilliseconds: Int, maxDeliveries: Int, finished: Bool = false
    ) {
        self.name = name
        self.exercises = exercises
        self.catalog = catalog
        self.submissions = submissions
        self.total = total
        self.enqueued = enqueued
        self.timeLimit = timeLimit
        self.commandLimit = commandLimit
        self.memoryLimit = memoryLimit
        self.claimAfterMilliseconds = claimAfterMilliseconds
        self.maxDeliveries = maxDeliveries
        self.finished = finished
    }

    /// The keys of this run.
    public var keys: QueueKeys { QueueKeys(run: name) }

    /// The settings hash's fields, in HSET order.
    var fields: [String] {
        [
            "exercises", exercises.joined(separator: ","), "catalog", catalog, "submissions", submissions,
            "total", String(total), "enqueued", String(enqueued), "time-limit", String(timeLimit),
            "command-limit", String(commandLimit), "memory-limit", String(memoryLimit),
            "claim-after-ms", String(claimAfterMilliseconds), "max-deliveries", String(maxDeliveries),
            "finished", finished ? "1" : "0",
        ]
    }

    /// Reads a settings hash (HGETALL's field/value list); nil when a field is missing or
    /// malformed, which only a hand-edited or foreign hash can cause.
    init?(name: String, hash: [String: String]) {
        func number(_ field: String) -> Int? { hash[field].flatMap { Int($0) } }
        guard let exercises = hash["exercises"], let catalog = hash["catalog"], let submissions = hash["submissions"],
            let total = number("total"), let enqueued = number("enqueued"), let timeLimit = number("time-limit"),
            let commandLimit = number("command-limit"), let memoryLimit = number("memory-limit"),
            let claimAfter = number("claim-after-ms"), let maxDeliveries = number("max-deliveries"),
            total >= 0, (0...total).contains(enqueued), timeLimit > 0, commandLimit > 0, memoryLimit > 0, claimAfter > 0, maxDeliveries > 0
        else { return nil }
        self.init(
            name: name, exercises: exercises.split(separator: ",").map(String.init), catalog: catalog, submissions: submissions,
            total: total, enqueued: enqueued, timeLimit: timeLimit, commandLimit: commandLimit, memoryLimit: memoryLimit,
            claimAfterMilliseconds: claimAfter, maxDeliveries: maxDeliveries, finished: hash["finished"] == "1")
    }
}
