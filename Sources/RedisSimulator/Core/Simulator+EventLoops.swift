import Dispatch
import RESP

/// The simulator's entry points for a server's event loops, which must never wait for a
/// running script: each tries the lock, and when a script holds it, says so at once, so the
/// caller can leave a `ScriptWaiter` and go on serving its other connections.
extension Simulator {
    /// How far `serve` got.
    public struct PipelineProgress: Sendable, Equatable {
        /// How many commands ran.
        public var ran: Int
        /// True when a running script holds the lock, so the rest must wait for it.
        public var heldByScript: Bool
    }

    /// Runs pipelined commands as `execute(pipeline:)` does, but stops, without waiting, at
    /// the first command a running script holds back. Brief waits for another thread's
    /// command are spun through.
    public func serve(
        pipeline commands: ArraySlice<[ByteString]>, for client: SimulatorClient,
        each: (ExecutionResult) -> Void
    ) -> PipelineProgress {
        var next = commands.startIndex
        var attempt = 0
        var stopped = false
        var prefetch = PipelineKeyPrefetch()
        while next < commands.endIndex, !stopped {
            let acquired: Bool? = mutex.withLockIfAvailable { _ in
                // A client another connection killed runs nothing more.
                if client.isClosed {
                    stopped = true
                    return true
                }
                while next < commands.endIndex {
                    prefetch.prepare(commands, running: next, state: state, client: client)
                    let result = state.process(commands[next], from: client)
                    next += 1
                    each(result)
                    if case .blocked = result { stopped = true } else if client.closeAfterReply { stopped = true }
                    if stopped { break }
                }
                return true
            }
            if acquired == nil {
                if state.scriptMonitor.isRunning {
                    return PipelineProgress(ran: next - commands.startIndex, heldByScript: true)
                }
                ScriptMonitor.backOff(attempt)
                attempt += 1
            }
        }
        return PipelineProgress(ran: next - commands.startIndex, heldByScript: false)
    }

    /// Opens a client session, or nil when a running script holds the lock.
    public func connectUnlessScriptRuns() -> SimulatorClient? {
        var attempt = 0
        while true {
            if let client = mutex.withLockIfAvailable({ _ in state.connectClient() }) { return client }
            if state.scriptMonitor.isRunning { return nil }
            ScriptMonitor.backOff(attempt)
            attempt += 1
        }
    }

    /// Closes a client now, or, while a script holds the lock, once the script has ended
    /// (on another thread: the caller does not wait).
    public func disconnectWithoutWaiting(_ client: SimulatorClient) {
        var attempt = 0
        while true {
            if mutex.withLockIfAvailable({ _ in state.removeClient(client) }) != nil { return }
            if state.scriptMonitor.isRunning {
                let waiter = ScriptWaiter(whileBusy: nil) { [weak self] in
                    guard let simulator = self else { return }
                    DispatchQueue.global().async { simulator.disconnect(client) }
                }
                if state.scriptMonitor.enqueue(waiter) { return }
                continue
            }
            ScriptMonitor.backOff(attempt)
            attempt += 1
        }
    }

    /// Leaves work for the running script (see `ScriptWaiter`); false when no script runs any
    /// more, so the caller should try the lock again.
    public func waitForScript(_ waiter: ScriptWaiter) -> Bool {
        state.scriptMonitor.enqueue(waiter)
    }

    /// The limits CONFIG sets on connections, read without the lock.
    public var connectionLimits: ConnectionLimits { state.limits.value }

    /// The limits CONFIG sets on connections, read through a connection's `cache` of them: one
    /// atomic load unless CONFIG changed them since the cache was filled.
    public func connectionLimits(through cache: inout CachedConnectionLimits) -> ConnectionLimits {
        publishedLimits.read(through: &cache)
    }

    /// True while a script runs past `busy-reply-threshold`.
    public var scriptIsBusy: Bool { state.scriptMonitor.isBusy }

    /// True while a script runs.
    public var scriptIsRunning: Bool { state.scriptMonitor.isRunning }

    /// Asks a running script to stop even if it wrote, as a server shutting down does.
    public func abortRunningScript() { state.scriptMonitor.abort() }

    /// Runs `body` under the lock; while a script holds it, blocks the calling thread (never an
    /// event loop) until the script ends, or is busy and runs `whileBusy` from its hook.
    func runOrWaitForScript<T: Sendable>(
        _ body: (ServerState) -> T, whileBusy: @escaping @Sendable (ScriptBusyAccess) -> T
    ) -> T {
        var attempt = 0
        while true {
            if let result = mutex.withLockIfAvailable({ _ in body(state) }) { return result }
            if state.scriptMonitor.isRunning {
                if let served = waitForScript(whileBusy) { return served }
                continue
            }
            ScriptMonitor.backOff(attempt)
            attempt += 1
        }
    }

    /// Blocks until the running script runs `work` from its hook (its result) or ends first (nil).
    func waitForScript<T: Sendable>(_ work: @escaping @Sendable (ScriptBusyAccess) -> T) -> T? {
        let outcome = ScriptWaitOutcome<T>()
        let waiter = ScriptWaiter(
            whileBusy: { access in outcome.finish(work(access)) },
            afterScript: { outcome.finish(nil) })
        guard state.scriptMonitor.enqueue(waiter) else { return nil }
        return outcome.wait()
    }
}

/// The result a thread waiting for a script is handed, once.
private final class ScriptWaitOutcome<T: Sendable>: @unchecked Sendable {
    private var value: T?
    private let done = DispatchSemaphore(value: 0)

    func finish(_ result: T?) {
        value = result
        done.signal()
    }

    func wait() -> T? {
        done.wait()
        return value
    }
}
