/// Clients blocked on keys (BLPOP, XREAD BLOCK, …), served in arrival order.
struct BlockingRegistry {
    /// Blocked client ids per (db, key), oldest first.
    var waiting: [WatchRegistry.WatchedKey: [Int64]] = [:]
}

/// What a blocked client waits for.
struct BlockedState {
    var keys: [ByteString]
    /// Unix ms at which it times out; nil blocks forever.
    var deadline: Int64?
    /// The command to retry when a key it waits on is written.
    var command: [ByteString]
}
