import RESP
import Synchronization

/// Ctrl-C while a command runs: the backend is asked to stop it (a script killed, a blocked
/// command unblocked, or its connection closed), so the prompt comes back with the session
/// intact. A script that has written cannot be stopped; a second Ctrl-C then leaves, as Ctrl-C
/// leaves redis-cli.
final class InterruptWatch: Sendable {
    private let outcomes = Mutex<[RedisInterruption]>([])
    private let watcher = Mutex<Task<Void, Never>?>(nil)

    /// Watches for Ctrl-C while `connection` runs a command on `server`; `output` hears what happened.
    init(_ connection: any RedisConnection, on server: any RedisBackend, output: any ReplOutput) {
        // `finish()` cancels the task, which ends the cycle it makes with `self`.
        let task = Task { [self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(50))
                guard Interrupts.take() else { continue }
                let wasUnstoppable = self.outcomes.withLock { $0.contains { if case .unstoppable = $0 { true } else { false } } }
                if wasUnstoppable { Interrupts.leave() }
                let outcome = await server.interrupt(connection)
                self.outcomes.withLock { $0.append(outcome) }
                if case .unstoppable(let reason) = outcome {
                    output.line("(interrupted) Not stopped: \(reason). Press Ctrl-C again to leave redislings.")
                }
            }
        }
        watcher.withLock { $0 = task }
    }

    /// Stops watching; true when Ctrl-C closed the connection, which must then be replaced.
    /// Waits for an interruption under way: closing the connection ends the command before
    /// `interrupt` returns, and a session that looked then would take the interrupted command
    /// for a lost connection (and keep the closed one).
    func finish() async -> Bool {
        let task = watcher.withLock { $0 }
        task?.cancel()
        await task?.value
        return outcomes.withLock { $0.contains(.connectionClosed) }
    }
}
