/// Which clients WATCH which keys, so a write can mark their transactions dirty.
struct WatchRegistry {
    struct WatchedKey: Hashable {
        let db: Int
        let key: ByteString
    }

    private(set) var watchers: [WatchedKey: Set<Int64>] = [:]

    mutating func watch(_ key: ByteString, db: Int, client: Int64) {
        watchers[WatchedKey(db: db, key: key), default: []].insert(client)
    }

    mutating func unwatch(_ key: ByteString, db: Int, client: Int64) {
        let watched = WatchedKey(db: db, key: key)
        watchers[watched]?.remove(client)
        if watchers[watched]?.isEmpty == true { watchers[watched] = nil }
    }

    func clients(watching key: ByteString, db: Int) -> Set<Int64> {
        watchers[WatchedKey(db: db, key: key)] ?? []
    }

    var isEmpty: Bool { watchers.isEmpty }
}

/// A client's MULTI state: queued commands and the flags that decide EXEC's outcome.
struct TransactionState {
    var inMulti = false
    var queued: [[ByteString]] = []
    /// A command failed to queue (unknown, wrong arity): EXEC must answer EXECABORT.
    var aborted = false
    /// A watched key was modified: EXEC must answer a null array.
    var dirty = false
    var watchedKeys: [(db: Int, key: ByteString)] = []
}

extension ServerState {
    /// Marks every transaction watching `key` as dirty (Redis's touchWatchedKey).
    func touchWatchedKey(_ key: ByteString, in db: Int) {
        guard !watches.isEmpty else { return }
        for id in watches.clients(watching: key, db: db) {
            clients[id]?.transaction.dirty = true
        }
    }
}
