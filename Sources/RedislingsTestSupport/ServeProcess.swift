import Foundation

/// `redislings serve` on a free loopback port, for end-to-end tests and the fuzzer: started
/// and waited for until it accepts connections, and stopped by a watchdog shell if the test
/// process dies first.
public final class ServeProcess: @unchecked Sendable {
    /// The port it listens on.
    public let port: Int
    /// The process, to ask whether it still runs and how it ended.
    public let process: Process

    /// Starts `binary serve --port <free port>` and waits up to 20 s for it to listen.
    public init(binary: String) throws {
        port = freeLoopbackPort()
        process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["serve", "--port", String(port)]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let pid = process.processIdentifier
        _ = try? spawnShell("""
            while kill -0 \(getpid()) 2>/dev/null && kill -0 \(pid) 2>/dev/null; do sleep 0.5; done
            kill -9 \(pid) 2>/dev/null
            """)
        let deadline = Date().addingTimeInterval(20)
        while !isListening(port: port) {
            guard process.isRunning, Date() < deadline else {
                stop()
                throw TestServerError("redislings serve did not start on port \(port)")
            }
            usleep(20_000)
        }
    }

    /// True while the process runs.
    public var isRunning: Bool { process.isRunning }

    /// How it ended, for reports: a signal or an exit status.
    public var exitDescription: String {
        if process.isRunning { return "still running" }
        return process.terminationReason == .uncaughtSignal
            ? "signal \(process.terminationStatus)" : "exit status \(process.terminationStatus)"
    }

    /// Kills it (SIGKILL: a frozen serve ignores SIGTERM) and waits for it to exit.
    public func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    deinit { stop() }
}
