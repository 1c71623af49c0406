import Foundation

/// A real `redis-server` on a free loopback port for tests: no persistence, its working directory
/// a fresh temporary one (so no stray `dump.rdb` is ever loaded), stopped by `stop()` or when
/// released, and by a watchdog shell if the test process dies first.
public final class RedisServerProcess: @unchecked Sendable {
    /// The port it listens on.
    public let port: Int
    /// The server's own working directory, removed when it stops.
    public let directory: String
    private let watchdog: pid_t
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
        kill(watchdog, SIGTERM)
        var status: Int32 = 0
        waitpid(watchdog, &status, 0)
        try? FileManager.default.removeItem(atPath: directory)
    }

    deinit { stop() }
}

/// Runs `/bin/sh -c script` with default signal handling (whatever the test runner blocks) and
/// its standard streams on /dev/null.
func spawnShell(_ script: String) throws -> pid_t {
    try spawn(["/bin/sh", "-c", script])
}

/// The one way the test helpers start a process: `posix_spawn` of `arguments[0]` (a full path)
/// with default signal handling (whatever the test runner blocks) and its standard streams on
/// /dev/null. Foundation's `Process` is not used: its wait can hang on Linux off the main thread.
func spawn(_ arguments: [String]) throws -> pid_t {
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var empty = sigset_t()
    sigemptyset(&empty)
    posix_spawnattr_setsigmask(&attributes, &empty)
    var defaults = sigset_t()
    sigemptyset(&defaults)
    sigaddset(&defaults, SIGTERM)
    sigaddset(&defaults, SIGINT)
    sigaddset(&defaults, SIGCHLD)
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    // The shell may outlive the test process for a moment: it must not hold the test runner's
    // pipes open, or the runner waits for it while it waits for the runner.
    var files = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&files)
    defer { posix_spawn_file_actions_destroy(&files) }
    for descriptor: Int32 in [0, 1, 2] {
        posix_spawn_file_actions_addopen(&files, descriptor, "/dev/null", descriptor == 0 ? O_RDONLY : O_WRONLY, 0)
    }
    let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var pid: pid_t = 0
    let status = posix_spawn(&pid, arguments[0], &files, &attributes, argv, environ)
    guard status == 0 else { throw TestServerError("cannot start \(arguments[0]): \(String(cString: strerror(status)))") }
    return pid
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
