/// The contents of an RDB file: every key of every database with its expiry, and the
/// Functions libraries' code.
struct RDBSnapshot {
    /// One key as stored.
    struct Entry {
        let key: ByteString
        let value: RedisValue
        /// Unix milliseconds, nil without a TTL.
        let expiresAt: Int64?
    }

    /// Keys by database index.
    var databases: [Int: [Entry]] = [:]
    /// Each loaded library's source, FUNCTION LOAD's argument.
    var functionLibraries: [ByteString] = []
}
