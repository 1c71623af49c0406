/// How large a hash or sorted set may grow in Redis 7.0's compact `listpack` encoding: the
/// `*-max-listpack-entries` and `*-max-listpack-value` parameters (a field, member or value longer
/// than `value` bytes, or more than `entries` elements, converts it for good).
public struct ListpackLimits: Sendable, Equatable {
    /// The most elements (hash fields, sorted set members) a listpack holds.
    public var entries: Int
    /// The longest element, in bytes, a listpack holds.
    public var value: Int

    /// `hash-max-listpack-entries 512`, `hash-max-listpack-value 64`.
    public static let hashDefault = ListpackLimits(entries: 512, value: 64)
    /// `zset-max-listpack-entries 128`, `zset-max-listpack-value 64`.
    public static let sortedSetDefault = ListpackLimits(entries: 128, value: 64)
}

/// The encoding thresholds a server's CONFIG sets, read at each write as Redis reads them:
/// a value built or written with them decides its encoding as redis-server would.
public struct EncodingLimits: Sendable, Equatable {
    public var hash = ListpackLimits.hashDefault
    public var sortedSet = ListpackLimits.sortedSetDefault
    /// `set-max-intset-entries`: the most integers an `intset` holds.
    public var intsetEntries = 512
    /// `stream-node-max-entries`: the most entries a stream node takes (0: no limit).
    public var streamNodeEntries = 100

    /// Redis 7.0's defaults.
    public init() {}
}
