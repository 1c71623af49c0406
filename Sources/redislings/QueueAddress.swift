import Basics
import Foundation
import Grading
import LiveRedis
import RESP

/// The grading queue's Redis: `--queue URL` or `REDISLINGS_QUEUE_URL`. A password belongs in
/// the environment, never on the command line (other users see command lines in `ps`): a
/// `--queue` URL without one takes the user and password of `REDISLINGS_QUEUE_URL` when that
/// names the same server.
enum QueueAddress {
    static let environmentKey = "REDISLINGS_QUEUE_URL"

    /// The URL to use, or nil when neither `--queue` nor the environment names one.
    static func resolve(_ flag: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> RedisURL? {
        let fromEnvironment = try environment[environmentKey].flatMap { $0.isEmpty ? nil : $0 }.map { try parse($0, source: environmentKey) }
        guard let flag else { return fromEnvironment }
        var url = try parse(flag, source: "--queue")
        if url.password != nil {
            FileHandle.standardError.write(Data(
                "warning: the password in --queue is visible to other users of this machine (ps); set \(environmentKey) instead\n".utf8))
        } else if let fromEnvironment, fromEnvironment.host == url.host, fromEnvironment.port == url.port,
            fromEnvironment.socketPath == url.socketPath
        {
            url.user = url.user ?? fromEnvironment.user
            url.password = fromEnvironment.password
        }
        return url
    }

    private static func parse(_ text: String, source: String) throws -> RedisURL {
        do {
            return try RedisURL(parsing: text)
        } catch {
            // The message quotes the text, which may hold a password: say where it came from instead.
            throw CommandLineError(
                message: "\(source) is not a Redis URL: \(error.message.replacingOccurrences(of: text, with: "(the URL)"))",
                help: "Write it like redis://queue.example.org:6379/0 (the password in \(environmentKey): redis://:PASSWORD@queue.example.org:6379/0).")
        }
    }

    /// Connects to the queue; the error names the server without its password.
    static func connect(_ url: RedisURL) async throws(GradingError) -> any RedisConnection {
        do {
            return try await LiveRedisConnection.connect(to: url)
        } catch {
            throw GradingError("cannot reach the grading queue at \(url): \(error.message)", help: "Start Redis 7 there, or pass --queue with the right URL (the password in \(environmentKey)).")
        }
    }
}
