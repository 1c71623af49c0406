/// Every command's latency histogram in one flat array of counters, indexed by the spec's
/// `serial`: recording a command is an index and an increment, with no per-command array to
/// check for uniqueness or grow, since it runs after every command Redis runs.
struct LatencyHistograms {
    /// Buckets per command: bucket k holds durations up to 1024 × 2^k ns, the last one the rest.
    static let bucketsPerCommand = 41

    /// The name of each command seen, by serial.
    private var names: [String?] = []
    /// `bucketsPerCommand` counters per serial.
    private var counts: [Int64] = []

    @inline(__always)
    mutating func record(_ spec: CommandSpec, nanoseconds: Int64) {
        let slot = spec.serial
        if slot >= names.count || names[slot] == nil { register(spec) }
        counts[slot &* Self.bucketsPerCommand &+ Self.bucket(nanoseconds)] &+= 1
    }

    /// Makes room for a command's first count.
    private mutating func register(_ spec: CommandSpec) {
        let slot = spec.serial
        if slot >= names.count {
            let added = slot - names.count + 64
            names += Array(repeating: nil, count: added)
            counts += Array(repeating: 0, count: added * Self.bucketsPerCommand)
        }
        names[slot] = spec.name
    }

    /// The bucket of a duration: 0 below 1024 ns, then one per doubling, at most the last.
    @inline(__always)
    static func bucket(_ nanoseconds: Int64) -> Int {
        let kibi = nanoseconds >> 10
        guard kibi > 0 else { return 0 }
        return min(bucketsPerCommand - 1, Int64.bitWidth - kibi.leadingZeroBitCount)
    }

    /// The histograms of the commands seen, by full command name.
    var all: [String: LatencyHistogram] {
        var byName: [String: LatencyHistogram] = [:]
        for (slot, name) in names.enumerated() {
            guard let name else { continue }
            let start = slot * Self.bucketsPerCommand
            byName[name] = LatencyHistogram(buckets: counts[start..<start + Self.bucketsPerCommand])
        }
        return byName
    }
}
