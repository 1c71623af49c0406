/// The biggest client output buffer seen in each of the last eight seconds: INFO's
/// `client_recent_max_output_buffer`, which still shows a subscriber that fell behind (and was
/// dropped) a few seconds after it is gone, as Redis's one-slot-per-second samples do.
struct RecentOutputPeaks {
    static let seconds: Int64 = 8
    private var peaks = [Int](repeating: 0, count: Int(RecentOutputPeaks.seconds))
    /// The Unix second of the newest slot.
    private var newest: Int64?

    /// Counts `bytes` in the slot of `second`, clearing the slots of the seconds since the last sample.
    mutating func record(_ bytes: Int, second: Int64) {
        if let newest, second > newest {
            for passed in (newest + 1)...min(second, newest + Self.seconds) { peaks[Self.slot(passed)] = 0 }
        }
        if newest.map({ second > $0 }) ?? true { newest = second }
        peaks[Self.slot(second)] = max(peaks[Self.slot(second)], bytes)
    }

    /// The peak of the last eight seconds up to `second`.
    mutating func recent(at second: Int64) -> Int {
        record(0, second: second)
        return peaks.max() ?? 0
    }

    private static func slot(_ second: Int64) -> Int { Int(((second % seconds) + seconds) % seconds) }
}

extension ServerState {
    /// Samples each client's output buffer peak since the last sample (the clients cron, and a
    /// client that is leaving).
    func sampleOutputPeak(of client: SimulatorClient, now: Int64) {
        outputPeaks.record(client.outputBuffer.takePeak(), second: now / 1000)
    }
}
