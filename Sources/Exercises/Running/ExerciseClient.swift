import Foundation
import RESP
import Synchronization

/// One client of a run (a peer, the learner, a checker): its connection plus a transcript of
/// the replies it got and the messages pushed to it, kept up to a byte cap.
public final class ExerciseClient: Sendable {
    /// One command and its reply.
    public struct Exchange: Sendable, Equatable {
        /// The command's arguments.
        public var command: [String]
        /// Its reply (a blocked command's late reply included).
        public var reply: RESPValue
        /// The line it was written on (0: typed).
        public var line: Int

        /// The command as redis-cli would take it, quoted where needed.
        public var commandLine: String { command.map(ExerciseStep.quoted).joined(separator: " ") }
    }

    struct State {
        var exchanges: [Exchange] = []
        var pushes: [RESPValue] = []
        var keptBytes = 0
        var overflowLine: Int?
        var pending: (command: [String], line: Int, since: ContinuousClock.Instant)?
        var closed = false
        var pushTask: Task<Void, Never>?
    }

    /// The client's name (`learner`, `checker` or a peer's).
    public let name: String
    /// Its connection.
    public let connection: any RedisConnection
    private let maxReplyBytes: Int
    private let state = Mutex(State())

    /// Wraps `connection`; with `recordsPushes`, a task files every pushed message.
    public init(name: String, connection: any RedisConnection, maxReplyBytes: Int, recordsPushes: Bool = true) {
        self.name = name
        self.connection = connection
        self.maxReplyBytes = maxReplyBytes
        guard recordsPushes else { return }
        // In-process pushes are filed as they happen, so a check never races the reader task.
        // Nothing is subscribed yet, so nothing reads the handler while it changes.
        if connection.deliverPushes(to: { [weak self] push in self?.record(push: push) }) { return }
        let pushes = connection.pushes
        let task = Task { [weak self] in
            for await push in pushes {
                guard let self else { return }
                self.record(push: push)
            }
        }
        state.withLock { $0.pushTask = task }
    }

    /// Sends a command and files its reply.
    public func send(_ arguments: [String], line: Int) async throws(RedisConnectionError) -> RESPValue {
        state.withLock { $0.pending = (arguments, line, .now) }
        defer { state.withLock { $0.pending = nil } }
        let reply = try await connection.send(arguments.map { Array($0.utf8) })
        record(reply: reply, command: arguments, line: line)
        return reply
    }

    /// Files a reply the client got (the REPL reports the learner's this way).
    public func record(reply: RESPValue, command: [String], line: Int) {
        state.withLock { state in
            guard keep(reply, in: &state, line: line) else { return }
            state.exchanges.append(Exchange(command: command, reply: reply, line: line))
        }
    }

    /// Files a message pushed to the client.
    public func record(push: RESPValue) {
        state.withLock { state in
            guard keep(push, in: &state, line: state.pending?.line ?? 0) else { return }
            state.pushes.append(push)
        }
    }

    private func keep(_ value: RESPValue, in state: inout State, line: Int) -> Bool {
        guard state.overflowLine == nil else { return false }
        state.keptBytes += value.approximateSize
        if state.keptBytes > maxReplyBytes {
            state.overflowLine = line
            return false
        }
        return true
    }

    /// Every reply filed, in order.
    public var exchanges: [Exchange] { state.withLock { $0.exchanges } }

    /// Every push filed, in order (subscribe confirmations included).
    public var pushes: [RESPValue] { state.withLock { $0.pushes } }

    /// The messages among the pushes: Pub/Sub's `message`, `pmessage` and `smessage`, and
    /// client-side caching's `invalidate` (RESP3 pushes read as the arrays RESP2 would show).
    public var messages: [RESPValue] {
        pushes.map { $0.adapted(toProtocol: 2) }.filter { push in
            guard let kind = push.arrayValue?.first?.stringValue else { return false }
            return kind == "message" || kind == "pmessage" || kind == "smessage" || kind == "invalidate"
        }
    }

    /// The line at which the kept replies passed the byte cap, if they did.
    public var overflowLine: Int? { state.withLock { $0.overflowLine } }

    /// The command the client is waiting on, if any.
    var pending: (command: [String], line: Int, since: ContinuousClock.Instant)? { state.withLock { $0.pending } }

    /// True when the client waits in a blocking command the server has parked: on the
    /// simulator exactly, on a live Redis after `liveGrace` without a reply.
    func isParked(liveGrace: Duration) -> Bool {
        guard let pending, Self.mayBlock(pending.command) else { return false }
        if let parked = connection.isParked { return parked }
        return ContinuousClock.now - pending.since >= liveGrace
    }

    /// Closes the connection (subscriptions end, a blocked command gets its timeout reply).
    public func close() async {
        let task = state.withLock { state -> Task<Void, Never>? in
            state.closed = true
            return state.pushTask
        }
        await connection.close()
        // Let pushes already delivered be filed before the reader stops.
        try? await Task.sleep(for: .milliseconds(1))
        task?.cancel()
    }

    /// True once `close` has run.
    public var isClosed: Bool { state.withLock { $0.closed } }

    /// True for a blocking command whose timeout is 0: it waits until another client serves it.
    static func waitsForever(_ command: [String]) -> Bool {
        guard mayBlock(command), let name = command.first?.lowercased() else { return false }
        let timeout: String?
        switch name {
        case "xread", "xreadgroup":
            timeout = command.firstIndex { $0.lowercased() == "block" }.flatMap { $0 + 1 < command.count ? command[$0 + 1] : nil }
        case "blmpop", "bzmpop":
            timeout = command.count > 1 ? command[1] : nil
        default:
            timeout = command.last
        }
        guard let timeout, let value = Double(timeout) else { return false }
        return value == 0
    }

    /// Commands that can wait for another client (BLPOP, XREAD BLOCK, WAIT, …).
    static func mayBlock(_ command: [String]) -> Bool {
        guard let name = command.first?.lowercased() else { return false }
        if ["blpop", "brpop", "blmove", "brpoplpush", "blmpop", "bzpopmin", "bzpopmax", "bzmpop", "wait", "waitaof"].contains(name) {
            return true
        }
        if name == "xread" || name == "xreadgroup" { return command.contains { $0.lowercased() == "block" } }
        return false
    }
}
