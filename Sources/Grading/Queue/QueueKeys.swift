/// Where a grading run lives on the queue's Redis: a stream of jobs read by one consumer group,
/// a hash of results keyed by job, a hash of the run's settings, and a set of the runs that
/// workers should serve.
public struct QueueKeys: Sendable, Hashable {
    /// The prefix of every key the queue creates, so it can share a database with other data.
    public static let prefix = "redislings:grading:"
    /// The set of runs waiting for workers.
    public static let activeRuns = prefix + "runs"
    /// The consumer group every worker reads through.
    public static let group = "graders"

    /// The run's name (checked by `QueueKeys.validate`).
    public let run: String

    public init(run: String) { self.run = run }

    /// The stream of jobs, one entry per submission.
    public var jobs: String { Self.prefix + "run:" + run + ":jobs" }
    /// The hash job key → result JSON; the first result written for a job wins.
    public var results: String { Self.prefix + "run:" + run + ":results" }
    /// The hash of the run's settings (`QueueRun`).
    public var settings: String { Self.prefix + "run:" + run + ":settings" }

    /// Why `name` cannot name a run, or nil: names become part of key names and appear in
    /// commands people type, so they stay short and plain.
    public static func problem(withRunName name: String) -> String? {
        let allowed = name.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x2D || byte == 0x5F || byte == 0x2E
        }
        guard !name.isEmpty, name.utf8.count <= 100, allowed else {
            return "--run \(name): a run name is 1 to 100 letters, digits, '-', '_' or '.'"
        }
        return nil
    }
}
