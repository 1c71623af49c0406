import Foundation

/// `redislings serve` on a free loopback port, for end-to-end tests and the fuzzer: started
/// and waited for until it accepts connections, and stopped by a watchdog shell if the test
/// process dies first.
public final class ServeProcess: @unchecked Sendable {
    /// The port it listens on.
    public let port: Int
    /// The loopback address it listens on.
    public let host: String
    private let child: ChildProcess

    /// The process id.
    public var pid: pid_t { child.processIdentifier }

    /// Starts `binary serve --port <free port>` on `host` (a loopback address) and waits up to
    /// 20 s for it to listen.
    public init(binary: String, host: String = "127.0.0.1") throws {
        port = freeLoopbackPort()
        self.host = host
        child = try ChildProcess(
            executable: binary, arguments: ["serve", "--port", String(port), "--bind", host],
            directory: FileManager.default.currentDirectoryPath, environment: ProcessInfo.processInfo.environment)
        _ = try? spawnShell("""
            while kill -0 \(getpid()) 2>/dev/null && kill -0 \(child.processIdentifier) 2>/dev/null; do sleep 0.5; done
            kill -9 \(child.processIdentifier) 2>/dev/null
            """)
        let deadline = Date().addingTimeInterval(20)
        while !isListening(port: port, host: host) {
            guard isRunning, Date() < deadline else {
                stop()
                throw TestServerError("redislings serve did not start on port \(port)")
            }
            usleep(20_000)
        }
    }

    /// True while the process runs.
    public var isRunning: Bool { child.isRunning }

    /// How it ended, for reports: a signal or an exit status.
    public var exitDescription: String {
        if child.isRunning { return "still running" }
        return child.terminationReason == .uncaughtSignal
            ? "signal \(child.terminationStatus)" : "exit status \(child.terminationStatus)"
    }

    /// Kills it (SIGKILL: a frozen serve ignores SIGTERM) and waits for it to exit.
    public func stop() {
        child.signal(SIGKILL)
        child.waitUntilExit()
    }

    deinit { stop() }
}
