import Foundation
import REPL
import Synchronization

/// The browser sessions the server knows: each (a cookie) owns one Redis and one exercise in
/// progress, shared by the session's tabs, so a learner can subscribe in one tab and publish in
/// another while no other browser sees their keys.
public final class BrowserSessions: Sendable {
    /// The cookie that names a browser session.
    public static let cookieName = "redislings_session"

    private struct Entry {
        var session: BrowserSession
        var sockets: Int
        var lastUsed: UInt64
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var sockets = 0
        var tick: UInt64 = 0
    }

    private let state = Mutex(State())
    private let makeSession: @Sendable () -> BrowserSession
    private let limits: WebLimits

    /// Sessions made by `makeSession`, within `limits`.
    init(limits: WebLimits, makeSession: @escaping @Sendable () -> BrowserSession) {
        self.limits = limits
        self.makeSession = makeSession
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
        var dropped: BrowserSession?
        let opened = state.withLock { state -> Bool in
            state.tick += 1
            if state.entries[id] != nil {
                state.entries[id]?.lastUsed = state.tick
                return true
            }
            if state.entries.count >= limits.maxSessions {
                guard let idle = state.entries.filter({ $0.value.sockets == 0 }).min(by: { $0.value.lastUsed < $1.value.lastUsed })
                else { return false }
                dropped = state.entries.removeValue(forKey: idle.key)?.session
            }
            state.entries[id] = Entry(session: makeSession(), sockets: 0, lastUsed: state.tick)
            return true
        }
        if let dropped { Task { await dropped.close() } }
        return opened
    }

    /// Session `id` for a new console, counted until `release`; nil when the server has as many
    /// consoles as it allows, or the session cannot be kept.
    func attach(_ id: String) -> BrowserSession? {
        guard open(id) else { return nil }
        return state.withLock { state -> BrowserSession? in
            guard state.sockets < limits.maxSockets, var entry = state.entries[id] else { return nil }
            state.sockets += 1
            entry.sockets += 1
            state.entries[id] = entry
            return entry.session
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

    /// Ends every session (the server stops): on a live Redis each one's keys and ACL user go.
    public func closeAll() async {
        let all = state.withLock { state in
            defer { state.entries = [:] }
            return state.entries.values.map(\.session)
        }
        for session in all { await session.close() }
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
