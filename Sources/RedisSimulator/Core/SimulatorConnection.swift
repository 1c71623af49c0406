import RESP

/// A `RedisConnection` to an in-process simulator: one client session of it.
public final class SimulatorConnection: RedisConnection {
    /// The simulator this connection talks to.
    public let simulator: Simulator
    /// This connection's client session.
    public let client: SimulatorClient
    public let pushes: AsyncStream<RESPValue>

    /// Opens a new client session on `simulator`.
    public init(_ simulator: Simulator) {
        self.simulator = simulator
        self.client = simulator.connect()
        let (stream, continuation) = AsyncStream<RESPValue>.makeStream()
        self.pushes = stream
        client.pushHandler = { continuation.yield($0) }
    }

    public func send(_ arguments: [[UInt8]]) async throws(RedisConnectionError) -> RESPValue {
        guard !client.isClosed else { throw RedisConnectionError("the simulator connection is closed") }
        let reply = await simulator.send(arguments.map(ByteString.init), for: client)
        if client.requestsShutdown {
            // Redis exits without a reply; in-process there is no server to stop, only this
            // connection, which is lost as a live one would be.
            simulator.disconnect(client)
            throw RedisConnectionError("the simulator connection was closed by SHUTDOWN")
        }
        // After QUIT (or CLIENT KILL of itself) Redis replies, then closes the connection.
        if client.closeAfterReply { simulator.disconnect(client) }
        return reply
    }

    public func close() async {
        simulator.disconnect(client)
    }

    deinit { simulator.disconnect(client) }
}
