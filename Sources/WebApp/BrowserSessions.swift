import Foundation
import REPL
import Synchronization

/// The browser sessions the server knows: each (a cookie) owns one Redis, shared by the
/// session's tabs, so a learner can subscribe in one tab and publish in another while no other
/// browser sees their keys.
public final class BrowserSessions: Sendable {
    /// The cookie that names a browser session.
    public static let cookieName = "redislings_session"

    private struct Entry {
        var backend: ReplBackend
        var sockets: Int
        var lastUsed: UInt64
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var sockets = 0
        var tick: UInt64 = 0
    }

    private let state = Mutex(State())
    private let makeBackend: @Sendable () -> ReplBackend
    private let limits: WebLimits

    /// Sessions whose Redis comes from `makeBackend`, within `limits`.
    public init(limits: WebLimits, makeBackend: @escaping @Sendable () -> ReplBackend) {
        self.limits = limits
        self.makeBackend = makeBackend
    }

    /// A new, unguessable session id.
    public static func newID() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in String(generator.next() as UInt64, radix: 16).leftPadded(16) }.joined()
    }

    /// True when `id` names a session this server started and still keeps.
    public func knows(_ id: String) -> Bool { state.withLock { $0.entries[id] != nil } }

    /// Starts the session `id` if it is not kept yet (dropping the longest idle session without
    /// consoles when full); false when every kept session has a console open.
    @discardableResult
    public func open(_ id: String) -> Bool {
        var dropped: ReplBackend?
        let opened = state.withLock { state -> Bool in
            state.tick += 1
            if state.entries[id] != nil {
                state.entries[id]?.lastUsed = state.tick
                return true
            }
            if state.entries.count >= limits.maxSessions {
                guard let idle = state.entries.filter({ $0.value.sockets == 0 }).min(by: { $0.value.lastUsed < $1.value.lastUsed })
                else { return false }
                dropped = state.entries.removeValue(forKey: idle.key)?.backend
            }
            state.entries[id] = Entry(backend: makeBackend(), sockets: 0, lastUsed: state.tick)
            return true
        }
        // A live Redis is shared by every session: only a simulator of the session's own is stopped.
        if let dropped, dropped.canReset { Task { await dropped.server.close() } }
        return opened
    }

    /// The Redis of session `id` for a new console, counted until `release`; nil when the
    /// server has as many consoles as it allows, or the session cannot be kept.
    public func attach(_ id: String) -> ReplBackend? {
        guard open(id) else { return nil }
        return state.withLock { state -> ReplBackend? in
            guard state.sockets < limits.maxSockets, var entry = state.entries[id] else { return nil }
            state.sockets += 1
            entry.sockets += 1
            state.entries[id] = entry
            return entry.backend
        }
    }

    /// A console of session `id` closed.
    public func release(_ id: String) {
        state.withLock { state in
            state.sockets -= 1
            state.entries[id]?.sockets -= 1
        }
    }

    /// Consoles open now, over all sessions (for tests and the status line).
    public var openSockets: Int { state.withLock { $0.sockets } }

    /// Sessions kept now.
    public var count: Int { state.withLock { $0.entries.count } }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
