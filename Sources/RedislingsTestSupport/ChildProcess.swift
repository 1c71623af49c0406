import Foundation

/// A process a test runs in the background (a worker, `watch`, `serve`), started by the test
/// helpers' one spawn (posix_spawn and waitpid, never Foundation's `Process`, whose wait can hang
/// on Linux off the main thread). The shape is `Process`'s, so tests read the same.
public final class ChildProcess: @unchecked Sendable {
    /// How an ended process ended.
    public enum TerminationReason: Sendable, Equatable {
        case exit, uncaughtSignal
    }

    /// The process id.
    public let processIdentifier: pid_t
    /// The executable and its arguments.
    public let arguments: [String]
    private let lock = NSLock()
    /// The wait status once the process has been reaped.
    private var waitStatus: Int32?

    /// Starts `executable` with `arguments` in `directory`, with exactly `environment`, standard
    /// input from /dev/null, and standard output and error written to the files given (appended
    /// to, so one file can take both), else to /dev/null.
    public init(
        executable: String, arguments: [String], directory: String, environment: [String: String],
        standardOutput: String? = nil, standardError: String? = nil
    ) throws {
        self.arguments = [executable] + arguments
        let exports = environment.map { shellQuoted("\($0.key)=\($0.value)") }.joined(separator: " ")
        let command = self.arguments.map(shellQuoted).joined(separator: " ")
        // `exec` all the way down: the id is the program's own, so signals reach it directly.
        let script = "cd \(shellQuoted(directory)) && exec env -i \(exports) \(command) </dev/null"
            + " >>\(shellQuoted(standardOutput ?? "/dev/null")) 2>>\(shellQuoted(standardError ?? "/dev/null"))"
        processIdentifier = try spawnShell(script)
    }

    /// True while the process runs.
    public var isRunning: Bool { reap(waiting: false) == nil }

    /// The exit status, or the signal that ended it; 0 while it runs.
    public var terminationStatus: Int32 {
        guard let status = reap(waiting: false) else { return 0 }
        return status & 0x7f != 0 ? status & 0x7f : (status >> 8) & 0xff
    }

    /// Whether it exited or was killed by a signal.
    public var terminationReason: TerminationReason {
        guard let status = reap(waiting: false) else { return .exit }
        return status & 0x7f != 0 ? .uncaughtSignal : .exit
    }

    /// Sends SIGTERM.
    public func terminate() { signal(SIGTERM) }

    /// Sends `number` to the process, unless it has already been reaped.
    public func signal(_ number: Int32) {
        if isRunning { kill(processIdentifier, number) }
    }

    /// Blocks until the process ends. Async tests should poll `isRunning` instead.
    public func waitUntilExit() { _ = reap(waiting: true) }

    /// The wait status, reaping the process if it has ended (or, with `waiting`, once it ends).
    private func reap(waiting: Bool) -> Int32? {
        lock.lock()
        defer { lock.unlock() }
        if let waitStatus { return waitStatus }
        var status: Int32 = 0
        while true {
            let result = waitpid(processIdentifier, &status, waiting ? 0 : WNOHANG)
            if result == processIdentifier {
                waitStatus = status
                return status
            }
            if result < 0 && errno == EINTR { continue }
            // Not ended yet (0), or not our child (-1): nothing to report.
            return nil
        }
    }
}
