import LiveRedis
import RESP
import RedisScripting
import RedisServer
import RedisSimulator

/// An in-process `RESPServer` on a free loopback port, with Lua installed, as `redislings serve` runs it.
final class ServedSimulator {
    let simulator = Simulator()
    let server: RESPServer
    let port: Int

    init() async throws {
        simulator.installScripting(LuaScripting())
        server = try RESPServer(simulator: simulator, threads: 2)
        port = try await server.start(host: "127.0.0.1", port: 0)
    }

    var url: RedisURL { RedisURL(host: "127.0.0.1", port: port) }

    func connect() async throws -> LiveRedisConnection {
        try await LiveRedisConnection.connect(to: url)
    }

    func stop() async { await server.stop() }
}
