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
    /// Latency histograms of every command, counted in place.
    private var byCommand = LatencyHistograms()

    /// Latency histograms by full command name (`set`, `client|id`).
    var histograms: [String: LatencyHistogram] { byCommand.all }

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

    @inline(__always)
    mutating func recordCommand(_ spec: CommandSpec, nanoseconds: Int64) {
        byCommand.record(spec, nanoseconds: nanoseconds)
    }

    mutating func resetHistograms() { byCommand = LatencyHistograms() }
}

/// A command's latency distribution as LATENCY HISTOGRAM reports it: counts in power-of-two
/// nanosecond buckets from 1024 ns, reported cumulatively in microseconds (Redis's HdrHistogram
/// read with a logarithmic iterator, base 2, first bucket 1024 ns).
struct LatencyHistogram {
    /// Counts per bucket: bucket k holds durations up to 1024 × 2^k ns.
    let buckets: ArraySlice<Int64>

    var calls: Int64 { buckets.reduce(0, +) }

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
