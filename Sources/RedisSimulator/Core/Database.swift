/// One of the numbered databases: the key dictionary and, apart, the expiry times
/// (as Redis keeps them, so keys without a TTL pay nothing for it).
public final class Database {
    /// This database's index (0…15).
    public let index: Int
    /// Every key, including logically expired ones not yet removed.
    var entries: [ByteString: RedisValue] = [:]
    /// Absolute expiry times in Unix milliseconds.
    var expires: [ByteString: Int64] = [:]

    init(index: Int) { self.index = index }

    /// The number of keys held, expired ones not yet removed included (what DBSIZE reports after a sweep).
    public var count: Int { entries.count }
}
