import RESP
import Synchronization

/// A `RedisConnection` to a real Redis, over hiredis.
///
/// Each connection owns one I/O thread, so hiredis's blocking calls never hold up Swift's
/// cooperative pool; commands from concurrent tasks are queued and answered in order. A
/// blocking command (BLPOP) waits on its own connection while others go on.
public final class LiveRedisConnection: RedisConnection {
    /// The server this connection talks to.
    public let url: RedisURL
    public let pushes: AsyncStream<RESPValue>
    private let engine: LiveRedisEngine

    private init(url: RedisURL, engine: LiveRedisEngine, pushes: AsyncStream<RESPValue>) {
        self.url = url
        self.engine = engine
        self.pushes = pushes
    }

    /// Connects (authenticating and selecting the URL's database); the error names the URL and
    /// what to try.
    public static func connect(
        to url: RedisURL, options: LiveRedisOptions = LiveRedisOptions()
    ) async throws(RedisConnectionError) -> LiveRedisConnection {
        let (stream, continuation) = AsyncStream<RESPValue>.makeStream()
        let engine = try LiveRedisEngine(url: url, options: options, pushes: continuation)
        try await engine.connectNow()
        return LiveRedisConnection(url: url, engine: engine, pushes: stream)
    }

    public func send(_ arguments: [[UInt8]]) async throws(RedisConnectionError) -> RESPValue {
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<RESPValue, RedisConnectionError>, Never>) in
            engine.enqueue(arguments, continuation)
        }
        return try result.get()
    }

    public func close() async {
        engine.close()
    }

    deinit { engine.close() }
}
