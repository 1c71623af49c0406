/// A parsed `redis://[user:pass@]host:port[/db]` or `unix://path` address.
public struct RedisURL: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var database: Int

    public init(host: String = "127.0.0.1", port: Int = 6379, database: Int = 0) {
        self.host = host
        self.port = port
        self.database = database
    }
}
