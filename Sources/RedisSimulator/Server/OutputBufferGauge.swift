import Synchronization

/// A connection's replies written but not yet taken by the client, as the server measures them
/// on its event loop, and whether the client counts as a Pub/Sub client: what
/// `client-output-buffer-limit` judges and CLIENT LIST shows as `omem`. Shared without the
/// simulator's lock.
public final class OutputBufferGauge: Sendable {
    private let pending = Atomic<Int>(0)
    private let writes = Atomic<Int>(0)
    private let peak = Atomic<Int>(0)
    private let subscribed = Atomic<Bool>(false)

    init() {}

    /// Unsent reply bytes now.
    public var pendingBytes: Int { pending.load(ordering: .relaxed) }

    /// Writes handed to the socket and not yet completed (CLIENT LIST `oll`, as Redis counts
    /// the blocks of its reply list).
    public var pendingWrites: Int { writes.load(ordering: .relaxed) }

    /// The most unsent bytes seen since the last read of `takePeak` (INFO's
    /// client_recent_max_output_buffer).
    func takePeak() -> Int { peak.exchange(pending.load(ordering: .relaxed), ordering: .relaxed) }

    /// Sets the unsent byte and write counts (the server, after each write and each completed write).
    public func record(pendingBytes bytes: Int, pendingWrites count: Int) {
        pending.store(bytes, ordering: .relaxed)
        writes.store(count, ordering: .relaxed)
        var current = peak.load(ordering: .relaxed)
        while bytes > current {
            let (exchanged, original) = peak.compareExchange(expected: current, desired: bytes, ordering: .relaxed)
            if exchanged { break }
            current = original
        }
    }

    /// True while the client has Pub/Sub subscriptions (Redis's client class `pubsub`).
    public var isPubSub: Bool { subscribed.load(ordering: .relaxed) }

    func setPubSub(_ value: Bool) {
        if subscribed.load(ordering: .relaxed) != value { subscribed.store(value, ordering: .relaxed) }
    }
}

extension OutputBufferLimit {
    /// Whether a client with `pending` bytes must be dropped now: past the hard limit, or past
    /// the soft limit for more than its seconds, counted in whole seconds as Redis does
    /// (`softSince`, a second of `nowSeconds`'s clock, is when it first passed it; updated here as
    /// Redis's checkClientOutputBufferLimits does). The clock is read only past the soft limit,
    /// not on every write of a client under it.
    public func isExceeded(pending: Int, nowSeconds: @autoclosure () -> Int64, softSince: inout Int64?) -> Bool {
        let bytes = UInt64(max(0, pending))
        if hardBytes > 0, bytes >= hardBytes { return true }
        guard softBytes > 0, bytes >= softBytes else {
            softSince = nil
            return false
        }
        let now = nowSeconds()
        guard let since = softSince else {
            softSince = now
            return false
        }
        return now - since > softSeconds
    }
}
