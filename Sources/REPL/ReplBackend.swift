import RESP
import Synchronization

/// What the REPL talks to: the backend the executable chose, and the server of it the session
/// uses now, which `reset()` replaces with a fresh one where the backend can make one.
public final class ReplBackend: Sendable {
    /// The backend the executable chose.
    public let base: any RedisBackend
    /// The server the session talks to: a fresh instance (replaced by each `reset()`), or `base` itself on a live Redis.
    /// Read under a lock: the web console's tabs share one backend, and any of them may reset it.
    public var server: any RedisBackend { current.withLock { $0 } }
    private let current: Mutex<any RedisBackend>

    /// The budget of the servers the REPL starts: a script runs at most 30 s, long enough to see
    /// BUSY and SCRIPT KILL from a second client, short enough that a forgotten loop ends by
    /// itself (Ctrl-C ends it sooner); Lua's own heap holds at most 512 MB, so a table grown
    /// without end is stopped before it takes the machine.
    public static let limits = RedisInstanceLimits(scriptTimeBudget: .seconds(30), scriptMemoryBudget: 512 << 20)

    /// On a live Redis the session may change only keys it creates itself (an ACL user of its
    /// own enforces it on the server); every other key stays readable, and the keys it created
    /// are deleted when the session ends.
    public static let liveLimits = RedisInstanceLimits(scriptTimeBudget: .seconds(30), keyScope: .createdKeys)

    /// The REPL on `base`: on a fresh server of it under `limits` where it makes them, else
    /// confined to the keys it creates.
    public init(_ base: any RedisBackend) {
        self.base = base
        current = Mutex(base.makeInstance(limits: base.makesFreshInstances ? Self.limits : Self.liveLimits))
    }

    /// Ends the session's server: on a live Redis, deletes the keys the session created and its ACL user.
    public func close() async {
        await server.close()
    }

    /// The name the prompt shows (`simulator`, or the live server's `host:port`).
    public var label: String { base.label }

    /// The database a new connection starts in (a live URL may name one).
    public var initialDatabase: Int { server.initialDatabase }

    /// True when `reset()` can start again on a fresh, empty server (the built-in simulator).
    public var canReset: Bool { base.makesFreshInstances }

    /// A new client connection.
    public func connect() async throws(RedisConnectionError) -> any RedisConnection {
        try await server.connect()
    }

    /// Replaces the server with a fresh, empty one; false where the backend cannot make one (live Redis).
    @discardableResult
    public func reset() -> Bool {
        guard canReset else { return false }
        let fresh = base.makeInstance(limits: Self.limits)
        let old = current.withLock { server in
            defer { server = fresh }
            return server
        }
        Task { await old.close() }
        return true
    }
}
