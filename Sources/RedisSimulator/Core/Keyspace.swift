/// Access to keys through the rules every command follows: a key whose time has passed is
/// deleted on access (lazy expiry), writes notify watchers and keyspace-event subscribers.
extension CommandContext {
    /// The value at `key`, after removing it if it has expired; nil when absent.
    public func lookup(_ key: ByteString) -> RedisValue? {
        if expireIfNeeded(key) { return nil }
        return db.entries[key]
    }

    /// True when `key` exists (and has not expired).
    public func exists(_ key: ByteString) -> Bool { lookup(key) != nil }

    /// Removes `key` if its expiry time has passed; returns true if it did.
    @discardableResult
    public func expireIfNeeded(_ key: ByteString) -> Bool {
        guard let when = db.expires[key], when <= now else { return false }
        server.deleteExpiredKey(key, in: db)
        return true
    }

    /// Stores `value` at `key`, keeping the key's TTL only when `keepTTL` is set (as SET KEEPTTL does).
    public func setKey(_ key: ByteString, _ value: RedisValue, keepTTL: Bool = false) {
        db.entries[key] = value
        if !keepTTL { db.expires[key] = nil }
        signalModified(key)
    }

    /// Replaces the value at an existing key without touching its TTL (in-place updates of strings).
    public func overwriteValue(_ key: ByteString, _ value: RedisValue) {
        db.entries[key] = value
        signalModified(key)
    }

    /// Deletes `key`; returns true if it existed.
    @discardableResult
    public func deleteKey(_ key: ByteString) -> Bool {
        guard db.entries.removeValue(forKey: key) != nil else { return false }
        db.expires[key] = nil
        signalModified(key)
        return true
    }

    /// The expiry time of `key` in Unix milliseconds, or nil if it has none.
    public func expireTime(_ key: ByteString) -> Int64? { db.expires[key] }

    /// Sets the absolute expiry of an existing key.
    public func setExpire(_ key: ByteString, at milliseconds: Int64) {
        db.expires[key] = milliseconds
        signalModified(key)
    }

    /// Removes the expiry of `key`; returns true if it had one.
    @discardableResult
    public func removeExpire(_ key: ByteString) -> Bool {
        guard db.expires.removeValue(forKey: key) != nil else { return false }
        signalModified(key)
        return true
    }

    /// Tells WATCHers that `key` changed (Redis's signalModifiedKey).
    public func signalModified(_ key: ByteString) {
        server.touchWatchedKey(key, in: db.index)
    }

    /// Publishes a keyspace event if `notify-keyspace-events` enables its class (Redis's notifyKeyspaceEvent).
    public func notify(_ eventClass: KeyspaceEventClass, _ event: String, _ key: ByteString) {
        server.notifyKeyspaceEvent(eventClass, event: event, key: key, db: db.index)
    }

    /// The value at `key` if it is a string; throws WRONGTYPE for other types; nil when absent.
    public func lookupString(_ key: ByteString) throws(RedisError) -> ByteString? {
        switch lookup(key) {
        case nil: return nil
        case .string(let s)?: return s
        default: throw .wrongType
        }
    }
}

/// The classes of keyspace events that `notify-keyspace-events` selects among.
public enum KeyspaceEventClass: Sendable {
    case generic, string, list, set, hash, zset, expired, evicted, stream, keyMiss, new
}
