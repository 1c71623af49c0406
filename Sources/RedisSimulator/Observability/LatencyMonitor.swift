import RESP

/// Redis's latency monitor (latency.c) and per-command latency histograms: events whose
/// duration passes `latency-monitor-threshold` milliseconds, 160 samples each, one per second.
struct LatencyMonitor {
    struct Sample {
        var time: Int64
        var latency: Int64
    }

    struct Series {
        var samples: [Sample] = []
        var max: Int64 = 0
    }

    /// Events in the order they were first seen.
    private(set) var events: [(name: String, series: Series)] = []
    /// Latency histograms by the spec's `serial`: an index, not a String hash, on every command.
    private var byCommand: [(name: String, histogram: LatencyHistogram)?] = []

    /// Latency histograms by full command name (`set`, `client|id`).
    var histograms: [String: LatencyHistogram] {
        var all: [String: LatencyHistogram] = [:]
        for case let entry? in byCommand { all[entry.name] = entry.histogram }
        return all
    }

    static let samplesPerEvent = 160

    /// Records `milliseconds` for `event` when the threshold (0: off) is met (latencyAddSampleIfNeeded).
    mutating func addSampleIfNeeded(_ event: String, milliseconds: Int64, threshold: Int64, now: Int64) {
        guard threshold > 0, milliseconds >= threshold else { return }
        let seconds = now / 1000
        let index: Int
        if let found = events.firstIndex(where: { $0.name == event }) {
            index = found
        } else {
            events.append((event, Series()))
            index = events.count - 1
        }
        var series = events[index].series
        if let last = series.samples.last, last.time == seconds {
            series.samples[series.samples.count - 1].latency = Swift.max(last.latency, milliseconds)
        } else {
            series.samples.append(Sample(time: seconds, latency: milliseconds))
            if series.samples.count > Self.samplesPerEvent { series.samples.removeFirst() }
        }
        series.max = Swift.max(series.max, milliseconds)
        events[index].series = series
    }

    func series(_ event: String) -> Series? { events.first { $0.name == event }?.series }

    /// Forgets one event, or all of them when `event` is nil; returns how many went.
    mutating func reset(_ event: String?) -> Int {
        guard let event else {
            defer { events = [] }
            return events.count
        }
        guard let index = events.firstIndex(where: { $0.name == event }) else { return 0 }
        events.remove(at: index)
        return 1
    }

    mutating func recordCommand(_ spec: CommandSpec, nanoseconds: Int64) {
        let slot = spec.serial
        if slot >= byCommand.count { byCommand += Array(repeating: nil, count: slot - byCommand.count + 64) }
        if byCommand[slot] == nil { byCommand[slot] = (spec.name, LatencyHistogram()) }
        // Changed in place: no copy of the histogram's buckets on every command.
        byCommand[slot]!.histogram.record(nanoseconds)
    }

    mutating func resetHistograms() { byCommand = [] }
}

/// A command's latency distribution as LATENCY HISTOGRAM reports it: counts in power-of-two
/// nanosecond buckets from 1024 ns, reported cumulatively in microseconds (Redis's HdrHistogram
/// read with a logarithmic iterator, base 2, first bucket 1024 ns).
struct LatencyHistogram {
    private(set) var calls: Int64 = 0
    /// Counts per bucket: bucket k holds durations up to 1024 × 2^k ns.
    private var buckets: [Int64] = []

    mutating func record(_ nanoseconds: Int64) {
        var bucket = 0, limit: Int64 = 1024
        while nanoseconds >= limit, bucket < 40 {
            limit *= 2
            bucket += 1
        }
        if buckets.count <= bucket { buckets += Array(repeating: 0, count: bucket + 1 - buckets.count) }
        buckets[bucket] += 1
        calls += 1
    }

    /// `calls N histogram_usec {bucket: cumulative count}`, buckets that added nothing left out.
    var reply: RESPValue {
        var entries: [(RESPValue, RESPValue)] = []
        var cumulative: Int64 = 0
        for (index, count) in buckets.enumerated() where count > 0 {
            cumulative += count
            entries.append((.integer((Int64(1024) << index) / 1000), .integer(cumulative)))
        }
        return .map(fields: [("calls", .integer(calls)), ("histogram_usec", .map(pairs: entries))])
    }
}
