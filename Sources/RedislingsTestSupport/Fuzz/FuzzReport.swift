/// What a differential fuzzing run found: crashes, hangs and desyncs of `serve` (each a bug to
/// fix), and replies whose kind or error text differ from redis-server's, counted by command.
public struct FuzzReport: Sendable {
    /// One crash, hang or desync, with what led to it.
    public struct Finding: Sendable, CustomStringConvertible {
        /// The position of the command in the run (0-based), to replay with the same seed.
        public var index: Int
        public var command: String
        public var detail: String
        /// The commands sent just before, oldest first.
        public var recent: [String]

        public var description: String {
            "#\(index) \(command): \(detail)" + (recent.isEmpty ? "" : "\n    after: " + recent.suffix(8).joined(separator: "\n           "))
        }
    }

    /// Mismatches of one command, with the first example.
    public struct Tally: Sendable {
        public var sent = 0
        /// Replies of another kind (error for integer, nil for array, reply for blocked, …).
        public var kindMismatches = 0
        /// Error replies on both sides, with different texts.
        public var errorMismatches = 0
        /// Of the mismatches, those on a key given a time to live of at most 2 s shortly before
        /// (the servers can disagree on whether it has expired yet; see `ExpiryRaceTracker`).
        public var expiryRaces = 0
        /// The first mismatch that is not an expiry race.
        public var example: String?
        /// The first expiry race.
        public var raceExample: String?
        public var mismatches: Int { kindMismatches + errorMismatches }
    }

    public var seed: UInt64
    public var sent = 0
    public var crashes: [Finding] = []
    public var hangs: [Finding] = []
    public var desyncs: [Finding] = []
    public var byCommand: [String: Tally] = [:]
    /// Commands of redis-server that serve lacks (only those that cannot write are sent).
    public var missingCommands: [String] = []
    /// How often redis-server itself stopped answering and was replaced.
    public var redisRestarts = 0
    /// The protocol the run spoke (2 or 3).
    public var protocolVersion = 2

    public init(seed: UInt64) { self.seed = seed }

    /// All mismatched replies.
    public var mismatches: Int { byCommand.values.reduce(0) { $0 + $1.mismatches } }
    /// Of those, the ones on a key whose short time to live may have run out on one server only.
    public var expiryRaces: Int { byCommand.values.reduce(0) { $0 + $1.expiryRaces } }

    /// Commands with at least one mismatch, most first.
    public var mismatchedCommands: [(name: String, tally: Tally)] {
        byCommand.filter { $0.value.mismatches > 0 }.map { ($0.key, $0.value) }
            .sorted { $0.tally.mismatches != $1.tally.mismatches ? $0.tally.mismatches > $1.tally.mismatches : $0.name < $1.name }
    }

    /// A plain-text summary: totals, then findings, then mismatches by command.
    public func summary(examples: Bool = true) -> String {
        var lines = [
            "seed \(seed)\(protocolVersion == 3 ? " (RESP3)" : ""): \(sent) commands, \(crashes.count) crashes, \(hangs.count) hangs, \(desyncs.count) desyncs, \(mismatches) mismatched replies (\(expiryRaces) of them expiry races), \(redisRestarts) redis-server restarts",
        ]
        if !missingCommands.isEmpty {
            lines.append("\(missingCommands.count) commands of redis-server are not in serve (write ones not sent): " + missingCommands.joined(separator: " "))
        }
        for (title, findings) in [("crash", crashes), ("hang", hangs), ("desync", desyncs)] {
            for finding in findings { lines.append("\(title) \(finding)") }
        }
        if !mismatchedCommands.isEmpty {
            lines.append("mismatches by command (kind + error text / sent; expiry races: on a key given a TTL of at most 2 s shortly before):")
            for (name, tally) in mismatchedCommands {
                var line = "  \(name): \(tally.kindMismatches) + \(tally.errorMismatches) / \(tally.sent)"
                if tally.expiryRaces > 0 { line += ", \(tally.expiryRaces) expiry race\(tally.expiryRaces == 1 ? "" : "s")" }
                if examples, let example = tally.example ?? tally.raceExample { line += "  e.g. \(example)" }
                lines.append(line)
            }
        }
        return lines.joined(separator: "\n")
    }
}
