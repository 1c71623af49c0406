import Basics
import Foundation

/// A real `redis-server` on a free loopback port for tests: no persistence, its working directory
/// a fresh temporary one (so no stray `dump.rdb` is ever loaded), stopped by `stop()` or when
/// released, and by a watchdog shell if the test process dies first.
public final class RedisServerProcess: @unchecked Sendable {
    /// The port it listens on.
    public let port: Int
    /// The server's own working directory, removed when it stops.
    public let directory: String
    private let watchdog: Subprocess
    private var stopped = false

    /// The `redis-server` executable on PATH, if installed.
    public static let executable: String? = findExecutable("redis-server")

    /// True when `redis-server` is installed; tests that need it are skipped (and say so) otherwise.
    public static var isInstalled: Bool { executable != nil }

    /// Starts a server and waits until it accepts connections. `extraArguments` are passed on
    /// (`["--requirepass", "secret"]`).
    public init(extraArguments: [String] = []) throws {
        guard let executable = Self.executable else { throw TestServerError("redis-server is not installed") }
        port = freeLoopbackPort()
        directory = try makeTemporaryDirectory(prefix: "redislings-redis-")
        let arguments = [
            executable, "--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
            "--dir", directory,
        ] + extraArguments
        let command = arguments.map(shellQuoted).joined(separator: " ")
        let removeDirectory = "rm -rf \(shellQuoted(directory))"
        // The watchdog removes the directory too, so a test process that dies leaves nothing behind.
        let script = """
            \(command) >/dev/null 2>&1 & server=$!
            trap 'kill $server 2>/dev/null; wait $server; \(removeDirectory); exit 0' TERM
            while kill -0 \(getpid()) 2>/dev/null && kill -0 $server 2>/dev/null; do sleep 0.2; done
            kill $server 2>/dev/null; wait $server; \(removeDirectory)
            """
        do {
            watchdog = try spawnShell(script)
        } catch {
            try? FileManager.default.removeItem(atPath: directory)
            throw error
        }
        let deadline = Date().addingTimeInterval(10)
        while !isListening(port: port) {
            guard Date() < deadline else {
                stop()
                throw TestServerError("redis-server did not start on port \(port)")
            }
            usleep(20_000)
        }
    }

    /// Stops the server and waits for it to exit.
    public func stop() {
        guard !stopped else { return }
        stopped = true
        watchdog.signal(SIGTERM)
        _ = watchdog.wait()
        try? FileManager.default.removeItem(atPath: directory)
    }

    deinit { stop() }
}

/// Runs `/bin/sh -c script` with default signal handling (whatever the test runner blocks) and
/// its standard streams on /dev/null.
func spawnShell(_ script: String) throws -> Subprocess {
    try spawn(["/bin/sh", "-c", script])
}

/// The one way the test helpers start a process: a `Subprocess` of `arguments[0]` (a full path)
/// with default signal handling (whatever the test runner blocks) and its standard streams on
/// /dev/null: the shell may outlive the test process for a moment, and must not hold the test
/// runner's pipes open, or the runner waits for it while it waits for the runner.
func spawn(_ arguments: [String]) throws -> Subprocess {
    var options = Subprocess.Options()
    options.standardInput = .nullDevice
    options.standardOutput = .nullDevice
    options.standardError = .nullDevice
    options.unblocksSignals = true
    options.defaultSignals = [SIGTERM, SIGINT, SIGCHLD]
    do {
        return try Subprocess(arguments, options)
    } catch {
        throw TestServerError(error.description)
    }
}

/// A new, empty directory under the system's temporary directory, made atomically (`mkdtemp`).
func makeTemporaryDirectory(prefix: String) throws -> String {
    var template = Array((NSTemporaryDirectory() + "/" + prefix + "XXXXXX").utf8CString)
    guard let made = mkdtemp(&template) else {
        throw TestServerError("cannot create a temporary directory: \(String(cString: strerror(errno)))")
    }
    return String(cString: made)
}

/// `text` quoted for /bin/sh.
public func shellQuoted(_ text: String) -> String {
    "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
}

/// A test fixture that could not be set up.
public struct TestServerError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// The full path of `name` found on PATH.
public func findExecutable(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for directory in path.split(separator: ":") {
        let candidate = "\(directory)/\(name)"
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
}
