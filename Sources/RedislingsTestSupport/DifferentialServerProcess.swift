import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The real redis-server the differential harness shares across a test process, on a free
/// loopback port, without persistence.
///
/// A watchdog shell stops the server when the test process ends, however it ends.
public final class DifferentialServerProcess: Sendable {
    /// The port it listens on (127.0.0.1).
    public let port: Int
    private let watchdog: Process

    /// The path of `redis-server` on PATH, or nil when it is not installed.
    public static var executablePath: String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/redis-server"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Starts a server and waits until it accepts connections; nil if redis-server is absent or
    /// does not come up within five seconds.
    public init?(extraArguments: [String] = []) {
        guard let executable = Self.executablePath, let port = Self.freePort() else { return nil }
        self.port = port
        let arguments = ["--port", "\(port)", "--bind", "127.0.0.1", "--save", "''", "--appendonly", "no",
                         "--daemonize", "no", "--loglevel", "warning", "--logfile", "''", "--dir", "/tmp"]
            + extraArguments
        let script = """
            \(executable) \(arguments.joined(separator: " ")) >/dev/null 2>&1 & server=$!
            while kill -0 \(getpid()) 2>/dev/null && kill -0 $server 2>/dev/null; do sleep 0.3; done
            kill $server 2>/dev/null
            """
        watchdog = Process()
        watchdog.executableURL = URL(fileURLWithPath: "/bin/sh")
        watchdog.arguments = ["-c", script]
        // The watchdog outlives the test process briefly; it must not hold the test runner's pipes open.
        watchdog.standardInput = FileHandle.nullDevice
        watchdog.standardOutput = FileHandle.nullDevice
        watchdog.standardError = FileHandle.nullDevice
        do { try watchdog.run() } catch { return nil }
        for _ in 0..<100 {
            if Self.accepts(port: port) { return }
            usleep(50_000)
        }
        watchdog.terminate()
        return nil
    }

    /// Stops the server (the watchdog also stops it when the process exits).
    public func stop() {
        guard watchdog.isRunning else { return }
        // Killing the watchdog's loop makes it skip its own kill; ask the server to shut down first.
        _ = Self.shutdown(port: port)
        watchdog.terminate()
    }

    /// A port on 127.0.0.1 that nothing listens on right now.
    public static func freePort() -> Int? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var address = loopback(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { return nil }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { return nil }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        return address
    }

    static func accepts(port: Int) -> Bool { withConnection(port: port) { _ in true } ?? false }

    static func shutdown(port: Int) -> Bool {
        withConnection(port: port) { fd in
            let command = Array("*2\r\n$8\r\nSHUTDOWN\r\n$6\r\nNOSAVE\r\n".utf8)
            return write(fd, command, command.count) == command.count
        } ?? false
    }

    private static func withConnection<T>(port: Int, _ body: (Int32) -> T) -> T? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var address = loopback(port: UInt16(port))
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        return connected == 0 ? body(fd) : nil
    }
}
