import NIOCore
import NIOPosix
import RedisSimulator

/// Serves a simulator over RESP on a TCP port.
public final class RESPServer: Sendable {
    /// The simulator served.
    public let simulator: Simulator

    public init(simulator: Simulator) { self.simulator = simulator }
}
