/// What one frame-fuzzing run found: totals, every crash, hang and desync with the bytes that
/// led to it, and serve's resources before and after.
public struct FrameFuzzReport: Sendable {
    /// A crash, hang or desync.
    public struct Finding: Sendable, CustomStringConvertible {
        /// Frames generated when it was found.
        public var frames: Int
        public var detail: String
        /// The connection's last episodes, oldest first.
        public var episodes: [[UInt8]]

        public var description: String {
            let shown = episodes.map { "    " + DifferentialFuzzer.printable([Array($0.prefix(400))]) + ($0.count > 400 ? "…(\($0.count) bytes)" : "") }
            return "after \(frames) frames: \(detail)\n" + shown.joined(separator: "\n")
        }
    }

    public var seed: UInt64
    /// Fuzzed frames sent (the closing `ECHO`s and `DISCARD`s not counted).
    public var frames = 0
    public var episodes = 0
    public var connections = 0
    /// Replies read and checked against what their episode owed.
    public var repliesChecked = 0
    /// Episodes that ended with a protocol error (the server must answer it and close).
    public var protocolErrors = 0
    /// Episodes that ended inside a frame.
    public var partialEndings = 0
    /// Connections closed with a frame half sent, once everything before it was answered.
    public var droppedMidFrame = 0
    public var crashes: [Finding] = []
    public var hangs: [Finding] = []
    public var desyncs: [Finding] = []
    public var restarts = 0
    public var seconds = 0.0
    /// serve's resources once started (after a restart: the new one's).
    public var baseline: ProcessResources?
    /// serve's resources at the end, every connection closed and the keyspace emptied.
    public var end: ProcessResources?
    public var peakResidentKilobytes = 0
    var samples = 0
    /// Whether serve answered PING on a fresh connection at the end.
    public var answersPingAtEnd = false

    public init(seed: UInt64) { self.seed = seed }

    /// True when the file descriptors are back to where they were.
    public var descriptorsReturned: Bool {
        guard let baseline, let end else { return false }
        return end.fileDescriptors <= baseline.fileDescriptors
    }

    /// A summary for people.
    public func summary() -> String {
        var lines = [
            "seed \(seed): \(frames) frames in \(episodes) episodes over \(connections) connections, \(String(format: "%.1f", seconds)) s (\(Int(Double(frames) / max(seconds, 0.001))) frames/s)",
            "\(repliesChecked) replies checked; \(protocolErrors) protocol errors answered and closed; \(partialEndings) episodes ending inside a frame (\(droppedMidFrame) dropped mid-frame once answered)",
            "\(crashes.count) crashes, \(hangs.count) hangs, \(desyncs.count) desyncs, \(restarts) restarts of serve",
            "serve at start: \(baseline.map(\.description) ?? "?"); at the end: \(end.map(\.description) ?? "?"); peak \(peakResidentKilobytes / 1024) MB resident; answers PING at the end: \(answersPingAtEnd ? "yes" : "NO")",
        ]
        for (title, findings) in [("crash", crashes), ("hang", hangs), ("desync", desyncs)] {
            for finding in findings.prefix(10) { lines.append("\(title) \(finding)") }
        }
        return lines.joined(separator: "\n")
    }
}
