import Basics
import Foundation

/// The outcome of a shell command run by a test.
public struct ShellResult: Sendable {
    /// The exit status (128 + signal when killed).
    public let status: Int32
    /// Standard output and standard error, interleaved.
    public let output: String
}

/// Runs `/bin/sh -c script` to completion, killing it after `timeout` seconds (a `Subprocess`:
/// Foundation's `Process.waitUntilExit` can hang on Linux when called off the main thread).
public func runShell(_ script: String, timeout: Int = 60) throws -> ShellResult {
    let outputPath = NSTemporaryDirectory() + "redislings-shell-\(getpid())-\(UInt64.random(in: 0...UInt64.max)).out"
    defer { unlink(outputPath) }
    let wrapped = "timeout -s KILL \(timeout) /bin/sh -c \(shellQuoted(script)) >\(shellQuoted(outputPath)) 2>&1"
    let exitStatus = try spawnShell(wrapped).wait().shellStatus
    let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
    return ShellResult(status: exitStatus, output: output)
}

/// `runShell` on a thread of its own (`onOwnThread`). A test that waits for a shell script on
/// one of the few threads (one per core) that every task of the test process shares stalls
/// them all, and timing-bound tests elsewhere fail. Async tests should call this.
public func runShellOffThePool(_ script: String, timeout: Int = 60) async throws -> ShellResult {
    try await onOwnThread(named: "test-shell") { try runShell(script, timeout: timeout) }
}

/// What `command` (a /bin/sh command line) prints on standard output, its standard error
/// discarded unless it redirects it itself; empty when it cannot be run. For short commands
/// whose output a test reads (redis-cli, tmux); killed after `timeout` seconds.
public func shellOutput(_ command: String, timeout: Int = 600) -> String {
    (try? runShell("{ \(command)\n} 2>/dev/null", timeout: timeout))?.output ?? ""
}
