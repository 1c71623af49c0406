/// Access to keys through the rules every command follows: a key whose time has passed is
/// deleted on access (lazy expiry), writes notify watchers and keyspace-event subscribers.
extension CommandContext {
    /// The value at `key`, after removing it if it has expired; nil when absent. Read-only
    /// commands count keyspace hits and misses (INFO stats) and fire `keymiss`, as Redis's
    /// lookupKeyRead does.
    public func lookup(_ key: ByteString) -> RedisValue? { lookup(key, touching: true) }

    /// `lookup`, but `touching: false` leaves the key's access time and LFU counter as they
    /// are (Redis's LOOKUP_NOTOUCH, which EXISTS uses).
    public func lookup(_ key: ByteString, touching: Bool) -> RedisValue? {
        // Hit or miss, the server and the database are read at +0: each use of the context's
        // unowned fields otherwise costs a retain and a release.
        let countsReads = !spec.isWrite
        return withGuaranteedReferences { server, db in
            if db.expiresCount > 0, expireIfNeeded(key) {
                if countsReads { Self.countMiss(key, server: server, db: db) }
                return nil
            }
            guard let slot = db.entries.slotIndex(of: key) else {
                if countsReads { Self.countMiss(key, server: server, db: db) }
                return nil
            }
            if countsReads { server.stats.keyspaceHits += 1 }
            db.recentSlot = slot
            if touching {
                if server.config.usesLFU {
                    touch(slot: slot, in: db)
                } else {
                    // An LRU record is the time alone: written without reading the slot (whose
                    // copy would retain its key and value).
                    db.entries[slot: slot].access = KeyAccess(now: now).stored
                }
            }
            return db.entries[slot: slot].value
        }
    }

    /// A read found no key: counted in INFO's keyspace_misses, and a `keymiss` event.
    private static func countMiss(_ key: ByteString, server: ServerState, db: Database) {
        server.stats.keyspaceMisses += 1
        server.notifyKeyspaceEvent(.keyMiss, event: "keymiss", key: key, db: db.index)
    }

    /// Runs `body` with the server and the database borrowed rather than retained.
    @inline(__always)
    func withGuaranteedReferences<R>(_ body: (ServerState, Database) -> R) -> R {
        Unmanaged.passUnretained(server)._withUnsafeGuaranteedRef { server in
            Unmanaged.passUnretained(db)._withUnsafeGuaranteedRef { db in body(server, db) }
        }
    }

    /// Records an access to `key` for OBJECT IDLETIME/FREQ and the LRU and LFU policies.
    public func touch(_ key: ByteString) {
        if let slot = db.entries.slotIndex(of: key) { touch(slot: slot, in: db) }
    }

    @inline(__always)
    private func touch(slot: Int, in db: Database) {
        let lfu = server.config.usesLFU
        // An LRU record is the time alone: written without reading the slot (whose copy would
        // retain its key and value).
        guard lfu else {
            db.entries[slot: slot].access = KeyAccess(now: now).stored
            return
        }
        var access = KeyAccess(stored: db.entries[slot: slot].access) ?? KeyAccess(now: now)
        access.touch(now: now, lfu: lfu, logFactor: lfu ? server.config.integer("lfu-log-factor") : 0,
                     decayTime: lfu ? server.config.integer("lfu-decay-time") : 0)
        db.entries[slot: slot].access = access.stored
    }

    /// The value at `key` without counting a hit or miss (existence checks, internal reads).
    public func peek(_ key: ByteString) -> RedisValue? {
        if expireIfNeeded(key) { return nil }
        return db.entries[key]
    }

    /// True when `key` exists (and has not expired).
    public func exists(_ key: ByteString) -> Bool { peek(key) != nil }

    /// Removes `key` if its expiry time has passed; returns true if it did.
    @discardableResult
    public func expireIfNeeded(_ key: ByteString) -> Bool {
        guard let when = db.expireTime(of: key), when <= now else { return false }
        // While clients are paused the key reads as gone but stays, as in Redis.
        if server.pausesExpiry(now: now) { return true }
        server.deleteExpiredKey(key, in: db)
        return true
    }

    /// Stores `value` at `key`, keeping the key's TTL only when `keepTTL` is set (as SET KEEPTTL does).
    public func setKey(_ key: ByteString, _ value: RedisValue, keepTTL: Bool = false) {
        let isNew = withGuaranteedReferences { server, db in
            // An overwritten key keeps its LFU counter (Redis's dbSetValue), else starts afresh.
            let lfu = server.config.usesLFU
            let isNew = db.entries.set(value, forKey: key, access: KeyAccess(now: now, lfu: lfu).stored, keepingAccess: lfu, hint: db.recentSlot)
            if !keepTTL, db.expiresCount > 0 { db.setExpireTime(nil, for: key) }
            if !db.encodingOverrides.isEmpty { db.encodingOverrides[key] = nil }
            return isNew
        }
        signalModified(key)
        if isNew { notify(.new, "new", key) }
    }

    /// Replaces the value at an existing key without touching its TTL (in-place updates of strings).
    public func overwriteValue(_ key: ByteString, _ value: RedisValue) {
        if db.entries.slot(db.recentSlot, holds: key) {
            db.entries[slot: db.recentSlot].value = value
        } else {
            db.entries[key] = value
        }
        if !db.encodingOverrides.isEmpty { db.encodingOverrides[key] = nil }
        signalModified(key)
    }

    /// Deletes `key`; returns true if it existed.
    @discardableResult
    public func deleteKey(_ key: ByteString) -> Bool {
        guard db.entries.removeValue(forKey: key) != nil else { return false }
        db.setExpireTime(nil, for: key)
        db.forgetKey(key)
        signalModified(key)
        return true
    }

    /// The expiry time of `key` in Unix milliseconds, or nil if it has none.
    public func expireTime(_ key: ByteString) -> Int64? { db.expireTime(of: key) }

    /// Sets the absolute expiry of an existing key.
    public func setExpire(_ key: ByteString, at milliseconds: Int64) {
        db.setExpireTime(milliseconds, for: key)
        signalModified(key)
    }

    /// Removes the expiry of `key`; returns true if it had one.
    @discardableResult
    public func removeExpire(_ key: ByteString) -> Bool {
        guard db.setExpireTime(nil, for: key) != nil else { return false }
        signalModified(key)
        return true
    }

    /// Tells WATCHers that `key` changed (Redis's signalModifiedKey).
    public func signalModified(_ key: ByteString) {
        withGuaranteedReferences { server, db in
            server.persistence.changedDuringCommand = true
            server.touchWatchedKey(key, in: db.index)
            server.trackingInvalidateKey(key, by: server.currentClient)
        }
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

    /// The database numbered `index` (callers check the range).
    public func database(_ index: Int) -> Database { server.databases[index] }

    /// The number of databases (16 unless configured).
    public var databaseCount: Int { server.databases.count }
}

/// The classes of keyspace events that `notify-keyspace-events` selects among.
public enum KeyspaceEventClass: Sendable {
    case generic, string, list, set, hash, zset, expired, evicted, stream, keyMiss, new
}
