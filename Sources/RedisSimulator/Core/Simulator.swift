import RESP
import Synchronization

/// The built-in Redis 7.0: one keyspace of 16 databases shared by many clients.
///
/// Every command runs under one lock, so commands are atomic and serialised as in Redis's
/// single-threaded event loop, whichever thread a client calls from.
public final class Simulator: @unchecked Sendable {
    let mutex = Mutex<Void>(())
    let state: ServerState
    /// `state.limits`, held here too: read through `state` on every client read and write, it
    /// cost a retain and a release each time.
    let publishedLimits: PublishedLimits

    /// The clock expiry, stream ids and timeouts read.
    public var clock: SimulatorClock { state.clock }

    /// The commands this simulator runs; immutable, so read without the lock.
    public var commandTable: CommandTable { state.table }

    /// A simulator on `clock`, empty, with the standard command table.
    public init(clock: SimulatorClock = SimulatorClock()) {
        state = ServerState(clock: clock, table: .standard)
        publishedLimits = state.limits
    }

    /// Runs `body` with the lock held: the one way into the state.
    func withLock<T>(_ body: (ServerState) throws -> T) rethrows -> T {
        try mutex.withLock { _ in try body(state) }
    }

    /// Records the TCP port a server listens on for the simulator, so that `CONFIG GET port`
    /// and INFO's `tcp_port` report it, as redis-server reports its own.
    public func setListeningPort(_ port: Int) {
        withLock { $0.config.values["port"] = String(port) }
    }

    /// Wires in the Lua engine that EVAL and SCRIPT use.
    public func installScripting(_ engine: any ScriptingEngine) {
        withLock { $0.scripting = engine }
    }

    /// Opens a new client session.
    public func connect() -> SimulatorClient {
        if let client = mutex.withLockIfAvailable({ _ in state.connectClient() }) { return client }
        return runOrWaitForScript({ $0.connectClient() }, whileBusy: { $0.connect() })
    }

    /// Closes a client: drops its subscriptions, blocked state and WATCHes.
    public func disconnect(_ client: SimulatorClient) {
        withLock { state in state.removeClient(client) }
    }

    /// Runs one command for `client`. A blocking command that must wait answers `.blocked`; its
    /// reply later goes to the client's `deferredReplyHandler`.
    public func execute(_ arguments: [[UInt8]], for client: SimulatorClient) -> ExecutionResult {
        execute(arguments.map(ByteString.init), for: client)
    }

    /// Runs one command given as byte strings.
    public func execute(_ arguments: [ByteString], for client: SimulatorClient) -> ExecutionResult {
        withLockUnlessScriptBusy(arguments, for: client) { state in state.process(arguments, from: client) }
    }

    /// Runs pipelined commands for `client` in order, taking the lock once for the lot rather
    /// than once per command; stops after a command that blocks the client or asks to close it,
    /// and runs none for a client that was closed (CLIENT KILL). While a script runs, it waits
    /// as a Redis client does: until the script ends, or is busy and serves it from its hook.
    /// `each` gets every result as it comes; it must not call back into the simulator.
    /// Returns how many commands ran. Never call it from an event loop: `serve` is for those.
    public func execute(
        pipeline commands: ArraySlice<[ByteString]>, for client: SimulatorClient,
        each: (ExecutionResult) -> Void
    ) -> Int {
        var next = commands.startIndex
        while next < commands.endIndex {
            let progress = serve(pipeline: commands[next...], for: client, each: each)
            next += progress.ran
            guard progress.heldByScript else { break }
            let rest = Array(commands[next...])
            let served: (ran: Int, results: [ExecutionResult])? = waitForScript { access in
                var results: [ExecutionResult] = []
                let ran = access.run(rest[...], for: client) { results.append($0) }
                return (ran, results)
            }
            guard let served else { continue }
            for result in served.results { each(result) }
            next += served.ran
            if served.ran < rest.count { break }
        }
        return next - commands.startIndex
    }

    /// Runs a command under the lock; while a script holds it, waits as `execute(pipeline:)` does.
    /// Inlined: called out of line, its closure's captures (the arguments and the client) cost
    /// every command two retains and releases.
    @inline(__always)
    private func withLockUnlessScriptBusy(
        _ arguments: [ByteString], for client: SimulatorClient, _ body: (ServerState) -> ExecutionResult
    ) -> ExecutionResult {
        // The lock is free almost always: try it before building the escaping closure the wait
        // needs, which would cost every command a heap allocation.
        if let result = mutex.withLockIfAvailable({ _ in body(state) }) { return result }
        return runOrWaitForScript(body) { access in
            var result = ExecutionResult.reply(.nullBulkString)
            _ = access.run([arguments], for: client) { result = $0 }
            return result
        }
    }

    /// Runs one command and waits for its reply, however long a blocking command waits; a
    /// blocking timeout fires on its own (real time), or earlier through `advance`.
    public func send(_ arguments: [ByteString], for client: SimulatorClient) async -> RESPValue {
        await withCheckedContinuation { (continuation: CheckedContinuation<RESPValue, Never>) in
            let result: ExecutionResult = withLockUnlessScriptBusy(arguments, for: client) { state in
                client.deferredReplyHandler = { continuation.resume(returning: $0) }
                let result = state.process(arguments, from: client)
                if result != .blocked { client.deferredReplyHandler = nil }
                return result
            }
            switch result {
            case .reply(let reply):
                continuation.resume(returning: reply)
            case .snapshot(let header, let rdb):
                // In-process there is no wire: the snapshot is the reply (SYNC) or follows it.
                if let header {
                    withLock { _ in client.push(.bulkString(rdb)) }
                    continuation.resume(returning: header)
                } else {
                    continuation.resume(returning: .bulkString(rdb))
                }
            case .replies(let replies):
                // The first is the command's reply; the others follow it as pushes, in order.
                withLock { _ in for extra in replies.dropFirst() { client.push(extra) } }
                // No reply at all (a replica's REPLCONF ACK, CLIENT REPLY OFF where honoured): an
                // in-process caller still gets a value.
                continuation.resume(returning: replies.first ?? .nullBulkString)
            case .blocked:
                // Nothing else drives the clock in-process: wake up when the timeout is due.
                // A command held by CLIENT PAUSE waits for the pause's end instead.
                if let deadline = withLock({ state in client.blocked?.deadline ?? state.pause?.end }) {
                    let delay = max(0, deadline - clock.nowMilliseconds()) + 1
                    Task { [weak self] in
                        try? await Task.sleep(for: .milliseconds(delay))
                        self?.tick()
                    }
                }
            }
        }
    }

    /// Moves the clock forward, then expires keys and times out blocked clients whose time came.
    public func advance(milliseconds: Int64) {
        clock.advance(milliseconds: milliseconds)
        tick()
    }

    /// Runs time-driven work: the whole expiry sweep and blocked-client timeouts. In-process
    /// use gets it on every command and from `advance`.
    public func tick() {
        withLock { state in state.runTimers(now: state.clock.nowMilliseconds()) }
    }

    /// `tick` for a server's timer: skipped when the lock is taken (by a running script, or a
    /// command another thread runs), since the timer must not wait and the next tick comes
    /// soon; its expiry sweep stops after 25 ms, as Redis's slow cycle does.
    public func tickUnlessBusy() {
        _ = mutex.withLockIfAvailable { _ in
            state.runTimers(now: state.clock.nowMilliseconds(), expiryBudget: ServerState.slowExpiryBudget)
        }
    }
}

/// The outcome of running a command.
public enum ExecutionResult: Sendable, Equatable {
    /// The reply is ready.
    case reply(RESPValue)
    /// Several replies to one command, to be sent in this order: in RESP2, SUBSCRIBE a b and
    /// UNSUBSCRIBE with no argument answer one confirmation per channel. Empty only for a
    /// command that answers nothing (a replica's REPLCONF ACK), or when CLIENT REPLY OFF or SKIP
    /// silenced the command on a client that `honoursReplyMode`. Over TCP
    /// all are written back to back; `Simulator.send` returns the first and pushes the rest.
    case replies([RESPValue])
    /// The client is blocked; the reply will arrive through `deferredReplyHandler`.
    case blocked
    /// A replica's full synchronization (SYNC, PSYNC): the header reply if any (PSYNC's
    /// FULLRESYNC), then the RDB snapshot, which goes on the wire as `$<length>\r\n` and the
    /// bytes with no CRLF after them, as a primary sends it; the command stream follows.
    case snapshot(header: RESPValue?, rdb: [UInt8])
}
