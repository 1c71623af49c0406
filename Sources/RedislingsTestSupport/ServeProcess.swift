import Foundation

/// `redislings serve` on a free loopback port, for end-to-end tests and the fuzzer: started
/// and waited for until it accepts connections, and stopped by a watchdog shell if the test
/// process dies first.
public final class ServeProcess: @unchecked Sendable {
    /// The port it listens on.
    public let port: Int
    /// The process id.
    public let pid: pid_t
    private let lock = NSLock()
    /// The wait status once the process has been reaped.
    private var waitStatus: Int32?

    /// Starts `binary serve --port <free port>` and waits up to 20 s for it to listen.
    public init(binary: String) throws {
        port = freeLoopbackPort()
        pid = try spawn([binary, "serve", "--port", String(port)])
        _ = try? spawnShell("""
            while kill -0 \(getpid()) 2>/dev/null && kill -0 \(pid) 2>/dev/null; do sleep 0.5; done
            kill -9 \(pid) 2>/dev/null
            """)
        let deadline = Date().addingTimeInterval(20)
        while !isListening(port: port) {
            guard isRunning, Date() < deadline else {
                stop()
                throw TestServerError("redislings serve did not start on port \(port)")
            }
            usleep(20_000)
        }
    }

    /// True while the process runs.
    public var isRunning: Bool { reap(waiting: false) == nil }

    /// How it ended, for reports: a signal or an exit status.
    public var exitDescription: String {
        guard let status = reap(waiting: false) else { return "still running" }
        return status & 0x7f != 0 ? "signal \(status & 0x7f)" : "exit status \((status >> 8) & 0xff)"
    }

    /// Kills it (SIGKILL: a frozen serve ignores SIGTERM) and waits for it to exit.
    public func stop() {
        if isRunning { kill(pid, SIGKILL) }
        _ = reap(waiting: true)
    }

    /// The wait status, reaping the process if it has ended (or, with `waiting`, once it ends).
    private func reap(waiting: Bool) -> Int32? {
        lock.lock()
        defer { lock.unlock() }
        if let waitStatus { return waitStatus }
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, waiting ? 0 : WNOHANG)
            if result == pid {
                waitStatus = status
                return status
            }
            if result < 0 && errno == EINTR { continue }
            // Not ended yet (0), or not our child any more (-1): nothing to report.
            return nil
        }
    }

    deinit { stop() }
}
