import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The real redis-server the differential harness shares across a test process, on a free
/// loopback port, without persistence: a `RedisServerProcess`, whose watchdog stops it when the
/// test process ends, however it ends.
public final class DifferentialServerProcess: Sendable {
    /// The port it listens on (127.0.0.1).
    public let port: Int
    private let server: RedisServerProcess

    /// The path of `redis-server` on PATH, or nil when it is not installed.
    public static var executablePath: String? { RedisServerProcess.executable }

    /// Starts a server and waits until it accepts connections; nil if redis-server is absent or
    /// does not come up.
    public init?(extraArguments: [String] = []) {
        guard let server = try? RedisServerProcess(extraArguments: ["--loglevel", "warning"] + extraArguments) else {
            return nil
        }
        self.server = server
        port = server.port
    }

    /// Stops the server (the watchdog also stops it when the process exits).
    public func stop() { server.stop() }

    static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        return address
    }
}
