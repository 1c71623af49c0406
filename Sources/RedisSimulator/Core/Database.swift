import HeapModule

/// One of the numbered databases: the key dictionary (each key's value and access record in one
/// slot) and, apart, the expiry times (as Redis keeps them, so keys without a TTL pay nothing
/// for it).
public final class Database {
    /// This database's index (0…15).
    public internal(set) var index: Int
    /// Every key, including logically expired ones not yet removed, with its value and its
    /// last access and LFU counter (Eviction/KeyAccess).
    var entries = KeyTable()
    /// Absolute expiry times in Unix milliseconds.
    private(set) var expires: [ByteString: Int64] = [:]
    /// Expiry times in time order, so the sweep visits only keys whose time has come. Entries
    /// go stale when a TTL changes or is removed; they are checked against `expires` when popped.
    private var expiryQueue = Heap<ExpiryEntry>()
    /// OBJECT ENCODING's answer for strings whose encoding is not the one their bytes imply:
    /// `raw` after APPEND or SETRANGE changed them in place, `embstr` for INCRBYFLOAT results.
    var encodingOverrides: [ByteString: String] = [:]
    /// The slot of the key last read, a hint for the write that usually follows (INCR, APPEND):
    /// checked by one key comparison instead of hashing the key again; -1 for none.
    var recentSlot = -1

    init(index: Int) { self.index = index }

    /// The number of keys held, expired ones not yet removed included (what DBSIZE reports after a sweep).
    public var count: Int { entries.count }

    /// The expiry time of `key`, if it has one.
    func expireTime(of key: ByteString) -> Int64? { expires.isEmpty ? nil : expires[key] }

    /// Sets or removes the expiry time of `key`; returns the previous one.
    ///
    /// - Complexity: O(log n) amortized.
    @discardableResult
    func setExpireTime(_ when: Int64?, for key: ByteString) -> Int64? {
        guard let when else { return expires.isEmpty ? nil : expires.removeValue(forKey: key) }
        let previous = expires.updateValue(when, forKey: key)
        if previous != when { expiryQueue.insert(ExpiryEntry(when: when, key: key)) }
        if expiryQueue.count > 2 * expires.count + 64 { rebuildQueue() }
        return previous
    }

    /// The number of keys with a TTL (INFO keyspace `expires=`).
    var expiresCount: Int { expires.count }

    /// Removes and returns keys whose expiry time is at or before `now`, at most `limit` entries.
    ///
    /// - Complexity: O(k log n) for k entries due.
    func popDueKeys(now: Int64, limit: Int = .max) -> [ByteString] {
        var due: [ByteString] = []
        while due.count < limit, let top = expiryQueue.min, top.when <= now {
            expiryQueue.removeMin()
            if expires[top.key] == top.when { due.append(top.key) }
        }
        return due
    }

    /// Drops every key and expiry.
    func removeAll() {
        entries = KeyTable()
        expires = [:]
        expiryQueue = Heap()
        encodingOverrides = [:]
    }

    /// A random key that has a TTL (eviction's volatile policies).
    func randomKeyWithExpiry() -> ByteString? { expires.randomElement()?.key }

    /// Exchanges contents with `other` (SWAPDB).
    func swapContents(with other: Database) {
        swap(&entries, &other.entries)
        swap(&expires, &other.expires)
        swap(&expiryQueue, &other.expiryQueue)
        swap(&encodingOverrides, &other.encodingOverrides)
    }

    private func rebuildQueue() {
        expiryQueue = Heap(expires.map { ExpiryEntry(when: $0.value, key: $0.key) })
    }
}

/// A key and the time it expires, ordered by time.
struct ExpiryEntry: Comparable {
    let when: Int64
    let key: ByteString

    static func < (lhs: ExpiryEntry, rhs: ExpiryEntry) -> Bool { lhs.when < rhs.when }
    static func == (lhs: ExpiryEntry, rhs: ExpiryEntry) -> Bool { lhs.when == rhs.when && lhs.key == rhs.key }
}
