import RESP

/// Client-side caching state of one client (Redis's CLIENT_TRACKING* flags).
struct ClientTrackingState {
    var enabled = false
    var broadcast = false
    var optIn = false
    var optOut = false
    var noLoop = false
    /// CLIENT CACHING yes/no was given for the next command (or transaction).
    var cachingGiven = false
    /// The redirect client whose id no longer exists.
    var brokenRedirect = false
    /// The client invalidations go to instead (0: none).
    var redirect: Int64 = 0
    /// BCAST prefixes, in byte order as Redis's radix tree lists them.
    var prefixes: [ByteString] = []
}

/// The server side of client-side caching: which clients read which keys, and the prefixes
/// broadcasting clients follow. Keys are tracked by name across databases, as in Redis.
struct TrackingRegistry {
    /// Key name → ids of the clients that read it since it last changed.
    var keys: [ByteString: Set<Int64>] = [:]
    /// BCAST prefix → its subscribers and the keys changed since the last broadcast.
    var prefixes: [ByteString: BroadcastState] = [:]
    /// How many clients have tracking on.
    var clientCount = 0
    /// Tracking table entries (key, client) — INFO's `tracking_total_items`.
    var totalItems = 0
    /// Invalidations for the client running the command, sent after its reply (Redis's
    /// tracking_pending_keys); nil stands for a flush.
    var pendingForCurrent: [ByteString?] = []
    /// Invalidations of keys evicted before the current client's command ran, which that client
    /// reads before the command's reply.
    var beforeReplyForCurrent: [RESPValue] = []

    struct BroadcastState {
        var clients: Set<Int64> = []
        /// Changed key → the id of the client that changed it (0 for the server: expiry, eviction).
        var changed: [ByteString: Int64] = [:]
    }
}

extension ByteString {
    /// True when one of the two is a prefix of the other (Redis's prefix overlap rule).
    func overlaps(_ other: ByteString) -> Bool {
        let length = min(count, other.count)
        return bytes.prefix(length).elementsEqual(other.bytes.prefix(length))
    }
}
