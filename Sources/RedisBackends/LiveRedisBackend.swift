import LiveRedis
import RESP

/// A live Redis reached by URL. It has one server, so an instance is the server itself (a run
/// deletes its own keys), and its clock is real time.
public final class LiveRedisBackend: RedisBackend {
    /// Where the server is (its database is where connections start).
    public let url: RedisURL
    public let label: String

    /// The Redis at `url`, called `label` for people (the URL, without its password, by default).
    public init(url: RedisURL, label: String? = nil) {
        self.url = url
        self.label = label ?? url.description
    }

    public var makesFreshInstances: Bool { false }
    public var initialDatabase: Int { url.database }

    public func connect() async throws(RedisConnectionError) -> any RedisConnection {
        try await LiveRedisConnection.connect(to: url)
    }

    public func makeInstance(limits: RedisInstanceLimits) -> any RedisBackend { self }

    public func advanceClock(milliseconds: Int64) -> Bool { false }

    public var clockOffsetMilliseconds: Int64? { nil }

    /// SCRIPT KILL (then FUNCTION KILL) from a second connection; a command that is blocked
    /// rather than scripted is stopped by closing its connection, as Ctrl-C in redis-cli does.
    public func interrupt(_ connection: any RedisConnection) async -> RedisInterruption {
        // Database 0: a busy server answers SELECT with BUSY, and SCRIPT KILL is not per database.
        var serverWide = url
        serverWide.database = 0
        guard let admin = try? await LiveRedisConnection.connect(to: serverWide) else {
            await connection.close()
            return .connectionClosed
        }
        defer { Task { await admin.close() } }
        for kill in [["SCRIPT", "KILL"], ["FUNCTION", "KILL"]] {
            guard let reply = try? await admin.send(strings: kill) else { continue }
            let outcome = RedisInterruption(scriptKillReply: reply)
            if outcome != .nothingRunning { return outcome }
        }
        await connection.close()
        return .connectionClosed
    }

    public func close() async {}
}
