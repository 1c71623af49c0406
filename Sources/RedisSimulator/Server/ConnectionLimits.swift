import Synchronization

/// The limits a server puts on its connections, from CONFIG (`proto-max-bulk-len`,
/// `client-query-buffer-limit`, `maxclients`, `client-output-buffer-limit`), readable without
/// the simulator's lock: a server checks them on every read and write.
public struct ConnectionLimits: Sendable, Equatable {
    /// `proto-max-bulk-len`: the longest bulk string a request may carry.
    public var maxBulkLength: Int64 = 512 * 1024 * 1024
    /// `client-query-buffer-limit`: the most bytes of unparsed requests a client may hold.
    public var queryBufferLimit: Int64 = 1024 * 1024 * 1024
    /// `maxclients`: the most connections served at once.
    public var maxClients: Int64 = 10000
    /// `client-output-buffer-limit` for normal clients.
    public var normalOutput = OutputBufferLimit(hardBytes: 0, softBytes: 0, softSeconds: 0)
    /// `client-output-buffer-limit` for Pub/Sub clients.
    public var pubsubOutput = OutputBufferLimit(hardBytes: 32 * 1024 * 1024, softBytes: 8 * 1024 * 1024, softSeconds: 60)

    /// Redis's defaults.
    public init() {}
}

/// One class of `client-output-buffer-limit`: a client whose pending replies pass `hardBytes`,
/// or stay past `softBytes` for `softSeconds`, is disconnected. 0 disables a limit.
public struct OutputBufferLimit: Sendable, Equatable {
    /// The hard limit in bytes (0: none).
    public var hardBytes: UInt64
    /// The soft limit in bytes (0: none).
    public var softBytes: UInt64
    /// How long the soft limit may be exceeded, in seconds.
    public var softSeconds: Int64

    /// A limit; see the properties.
    public init(hardBytes: UInt64, softBytes: UInt64, softSeconds: Int64) {
        self.hardBytes = hardBytes
        self.softBytes = softBytes
        self.softSeconds = softSeconds
    }
}

/// A connection's copy of the limits, and which publication of them it holds: a server reads
/// the limits on every read from a client, and the copy makes that one atomic load until
/// CONFIG changes them.
public struct CachedConnectionLimits: Sendable {
    /// The publication `limits` came from; publications are numbered from 1.
    var generation: UInt64 = 0
    var limits = ConnectionLimits()

    /// A copy that is refreshed on its first reading.
    public init() {}
}

/// The current limits, published by the config on every change and read by servers.
final class PublishedLimits: Sendable {
    private let current = Mutex(ConnectionLimits())
    /// Counts publications, so that a cached copy knows when it is out of date.
    private let generation = Atomic<UInt64>(1)

    var value: ConnectionLimits { current.withLock { $0 } }

    /// The current limits, from `cache` unless they were published since it was filled.
    func read(through cache: inout CachedConnectionLimits) -> ConnectionLimits {
        // Loaded before the value: a publication in between makes the next reading refresh again.
        let latest = generation.load(ordering: .acquiring)
        if cache.generation != latest {
            cache.limits = value
            cache.generation = latest
        }
        return cache.limits
    }

    func publish(_ limits: ConnectionLimits) {
        current.withLock { $0 = limits }
        generation.add(1, ordering: .releasing)
    }
}

extension ServerConfig {
    /// The connection limits these values set.
    var connectionLimits: ConnectionLimits {
        var limits = ConnectionLimits()
        if let text = values["proto-max-bulk-len"], let value = Int64(text) { limits.maxBulkLength = value }
        if let text = values["client-query-buffer-limit"], let value = Int64(text) { limits.queryBufferLimit = value }
        if let text = values["maxclients"], let value = Int64(text) { limits.maxClients = value }
        let classes = OutputBufferLimitClasses(configText: values["client-output-buffer-limit"] ?? "")
        limits.normalOutput = classes.normal
        limits.pubsubOutput = classes.pubsub
        return limits
    }
}
