import Basics
import Foundation

/// A process a test runs in the background (a worker, `watch`, `serve`), started by the test
/// helpers' one spawn (a `Subprocess`, never Foundation's `Process`, whose wait can hang on
/// Linux off the main thread). The shape is `Process`'s, so tests read the same.
public final class ChildProcess: @unchecked Sendable {
    /// How an ended process ended.
    public enum TerminationReason: Sendable, Equatable {
        case exit, uncaughtSignal
    }

    /// The process id.
    public var processIdentifier: pid_t { process.pid }
    private let process: Subprocess
    /// The executable and its arguments.
    public let arguments: [String]
    private let lock = NSLock()
    /// How the process ended, once it has been reaped.
    private var ending: Termination?

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
        process = try spawnShell(script)
    }

    /// True while the process runs.
    public var isRunning: Bool { reap(waiting: false) == nil }

    /// The exit status, or the signal that ended it; 0 while it runs.
    public var terminationStatus: Int32 { reap(waiting: false)?.status ?? 0 }

    /// Whether it exited or was killed by a signal.
    public var terminationReason: TerminationReason {
        reap(waiting: false)?.signal == nil ? .exit : .uncaughtSignal
    }

    /// Sends SIGTERM.
    public func terminate() { signal(SIGTERM) }

    /// Sends `number` to the process, unless it has already been reaped.
    public func signal(_ number: Int32) {
        if isRunning { process.signal(number) }
    }

    /// Blocks until the process ends. Async tests should poll `isRunning` instead.
    public func waitUntilExit() { _ = reap(waiting: true) }

    /// How the process ended, reaping it if it has (or, with `waiting`, once it does).
    private func reap(waiting: Bool) -> Termination? {
        lock.lock()
        defer { lock.unlock() }
        if ending == nil { ending = waiting ? process.wait() : process.poll() }
        return ending
    }
}
