import LiveRedis
import RESP

/// The real redis-server shared by every differential case of the test process: started once
/// on a free loopback port, reset between cases (clients killed, config restored, data,
/// scripts and stats flushed).
public final class DifferentialRedisBackend: RedisBackend {
    /// The server process.
    public let server: RedisServerProcess
    private let admin: any RedisConnection
    private let defaults: [String: [UInt8]]

    /// The ACL user the harness uses for resets, so a case's `requirepass` or `CLIENT KILL` cannot lock it out.
    static let adminUser = "differential-harness"
    static let adminPassword = "differential-harness-password"

    private init(server: RedisServerProcess, admin: any RedisConnection, defaults: [String: [UInt8]]) {
        self.server = server
        self.admin = admin
        self.defaults = defaults
    }

    /// Starts the server; nil (with the reason) when redis-server is absent or fails to start.
    static func start() async -> Result<DifferentialRedisBackend, SkipReason> {
        guard RedisServerProcess.isInstalled else {
            return .failure(SkipReason("redis-server is not installed"))
        }
        let server: RedisServerProcess
        do {
            server = try RedisServerProcess(extraArguments: [
                "--loglevel", "warning", "--user", adminUser, "on", ">\(adminPassword)", "~*", "&*", "+@all",
            ])
        } catch {
            return .failure(SkipReason("redis-server did not start: \(error)"))
        }
        do {
            let admin = try await LiveRedisConnection.connect(
                to: RedisURL(port: server.port, user: adminUser, password: adminPassword))
            let reply = try await admin.send(strings: ["CONFIG", "GET", "*"])
            var defaults: [String: [UInt8]] = [:]
            let items = reply.arrayValue ?? []
            for index in stride(from: 0, to: items.count - 1, by: 2) {
                if let name = items[index].stringValue, case .bulkString(let value) = items[index + 1] {
                    defaults[name] = value
                }
            }
            return .success(DifferentialRedisBackend(server: server, admin: admin, defaults: defaults))
        } catch {
            server.stop()
            return .failure(SkipReason("could not connect to the redis-server it started: \(error)"))
        }
    }

    public var label: String { "redis" }
    public var makesFreshInstances: Bool { false }
    public var initialDatabase: Int { 0 }

    public func connect() async throws(RedisConnectionError) -> any RedisConnection {
        // A bare socket, not LiveRedisConnection: its handshake PINGs, and a case must be able to
        // open a connection that is not yet authenticated (requirepass, NOAUTH) as redis-cli does.
        try DifferentialSocketConnection(port: server.port)
    }

    /// The shared server itself: `reset()` is what makes it fresh between cases.
    public func makeInstance(limits: RedisInstanceLimits) -> any RedisBackend { self }

    public func advanceClock(milliseconds: Int64) -> Bool { false }

    public var clockOffsetMilliseconds: Int64? { nil }

    /// Cases stop what they start themselves (SCRIPT KILL is a step like any other).
    public func interrupt(_ connection: any RedisConnection) async -> RedisInterruption {
        await connection.close()
        return .connectionClosed
    }

    /// The server outlives each case; the test process stops it.
    public func close() async {}

    /// Puts the server back to a fresh state for the next case.
    func reset() async throws {
        _ = try await admin.send(strings: ["CLIENT", "KILL", "TYPE", "normal", "SKIPME", "yes"])
        _ = try await admin.send(strings: ["CLIENT", "KILL", "TYPE", "pubsub", "SKIPME", "yes"])
        let reply = try await admin.send(strings: ["CONFIG", "GET", "*"])
        let items = reply.arrayValue ?? []
        for index in stride(from: 0, to: items.count - 1, by: 2) {
            guard let name = items[index].stringValue, case .bulkString(let value) = items[index + 1],
                  let original = defaults[name], original != value else { continue }
            _ = try await admin.send([Array("CONFIG".utf8), Array("SET".utf8), Array(name.utf8), original])
        }
        // ACL users a case made go, and the default user gets back its rules and an empty log.
        for user in try await admin.send(strings: ["ACL", "USERS"]).arrayValue ?? [] {
            guard let name = user.stringValue, name != "default", name != Self.adminUser else { continue }
            _ = try await admin.send(strings: ["ACL", "DELUSER", name])
        }
        for command in [["FLUSHALL"], ["SCRIPT", "FLUSH"], ["FUNCTION", "FLUSH"], ["CONFIG", "RESETSTAT"],
                        ["ACL", "SETUSER", "default", "on", "nopass", "allkeys", "allchannels", "+@all", "clearselectors"],
                        ["ACL", "LOG", "RESET"]] {
            _ = try await admin.send(strings: command)
        }
    }
}

/// Why the differential tests did not run.
public struct SkipReason: Error, Sendable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
