import ArgumentParser
import Basics
import Foundation
import LiveRedis
import RESP
import RedisBackends

/// `--live URL` and `--allow-nonempty`: every command that runs Redis commands takes these and
/// gets the built-in simulator (the default) or a live Redis as its `RedisBackend`: this is
/// where the executable chooses.
struct BackendOptions: ParsableArguments {
    @Option(
        name: .customLong("live"),
        help: ArgumentHelp(
            "Use a real Redis instead of the built-in simulator (also REDISLINGS_REDIS_URL).",
            valueName: "redis://[user:password@]host:port[/db]"))
    var liveURL: String?

    @Flag(help: "Allow a live database that already holds keys: redislings still changes only keys it creates (an ACL user per run enforces it), and refuses an exercise whose key names are taken.")
    var allowNonempty = false

    /// The live URL from `--live` or the environment, if any.
    var liveURLText: String? {
        liveURL ?? ProcessInfo.processInfo.environment["REDISLINGS_REDIS_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The chosen backend: the built-in simulator, or the `--live` Redis, whose URL, connection
    /// and emptiness (unless `--allow-nonempty`) are checked once before it is handed out. A live
    /// one is called `label(url)` for people (its URL without the password by default).
    func backend(label: (RedisURL) -> String = { $0.description }) async throws -> any RedisBackend {
        guard let text = liveURLText else { return SimulatorBackend() }
        let url: RedisURL
        do {
            url = try RedisURL(parsing: text)
        } catch {
            throw CommandLineError(message: error.message, help: "Example: --live redis://127.0.0.1:6379/15")
        }
        let connection: LiveRedisConnection
        do {
            connection = try await LiveRedisConnection.connect(to: url)
        } catch {
            throw CommandLineError(message: error.message, help: "Without --live, redislings uses its built-in Redis.")
        }
        let backend = LiveRedisBackend(url: url, label: label(url))
        // What a session killed before it could clean up left is the course's: it goes first,
        // so it does not lock the learner out.
        await backend.reclaimAbandonedSessions()
        if !allowNonempty { try await Self.requireEmpty(connection, url) }
        await connection.close()
        return backend
    }

    /// Refuses a live database that holds keys, so course commands never touch a learner's data.
    static func requireEmpty(_ connection: LiveRedisConnection, _ url: RedisURL) async throws {
        let reply = try await connection.send("DBSIZE")
        guard let count = reply.integerValue else {
            await connection.close()
            throw CommandLineError(message: "Redis at \(url) answered DBSIZE with \(reply.debugDescription).", help: "Check the server and its permissions.")
        }
        guard count == 0 else {
            await connection.close()
            throw CommandLineError(
                message: "database \(url.database) of Redis at \(url) holds \(count) key\(count == 1 ? "" : "s"); redislings will not mix the course with your data.",
                help: "Use an empty database, e.g. \(RedisURL(host: url.host, port: url.port, database: url.database == 15 ? 14 : 15, socketPath: url.socketPath)), or pass --allow-nonempty (redislings changes only keys it creates, and refuses an exercise whose key names are taken).")
        }
    }
}
