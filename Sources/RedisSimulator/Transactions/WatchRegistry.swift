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

/// One key a client WATCHes.
struct ClientWatch {
    let db: Int
    let key: ByteString
    /// The key had already expired (but not been removed) when WATCH ran: its removal is no change.
    var wasExpired: Bool
}

/// A client's MULTI state: queued commands and the flags that decide EXEC's outcome.
struct TransactionState {
    var inMulti = false
    /// True while EXEC runs the queued commands (blocking commands answer at once).
    var executing = false
    var queued: [(spec: CommandSpec, args: [ByteString])] = []
    /// What the queued functions and `#!lua` scripts declared (Redis's mstate.cmd_flags and
    /// cmd_inv_flags), which EXEC is checked by as by its commands' own flags.
    var queuedScripts = QueuedScriptFlags()
    /// A command failed to queue (unknown, wrong arity): EXEC must answer EXECABORT.
    var aborted = false
    /// A watched key was modified: EXEC must answer a null array.
    var dirty = false
    var watchedKeys: [ClientWatch] = []
}

/// The declared flags of the scripts a transaction queued, gathered as Redis ORs them.
struct QueuedScriptFlags {
    var write = false
    var deniesOOM = false
    var deniesStale = false

    mutating func add(_ script: ScriptCommandFlags) {
        write = write || script.isWrite
        deniesOOM = deniesOOM || script.deniesOOM
        deniesStale = deniesStale || !script.allowsStale
    }
}

extension ServerState {
    /// Marks every transaction watching `key` as dirty (Redis's touchWatchedKey), and lets
    /// clients blocked on it be served (every write passes here through `signalModified`).
    @inline(__always)
    func touchWatchedKey(_ key: ByteString, in db: Int) {
        // Asked in the caller: most writes have neither a blocked client nor a WATCH to tell.
        guard !blocking.waiting.isEmpty || !watches.isEmpty else { return }
        touchWatchedKeyForWaiters(key, in: db)
    }

    private func touchWatchedKeyForWaiters(_ key: ByteString, in db: Int) {
        signalKeyAsReady(key, in: db)
        guard !watches.isEmpty else { return }
        for id in watches.clients(watching: key, db: db) {
            guard let client = clients[id] else { continue }
            if let i = client.transaction.watchedKeys.firstIndex(where: { $0.db == db && $0.key == key }),
               client.transaction.watchedKeys[i].wasExpired {
                // An already-expired key being removed is logically no change.
                if databases[db].entries[key] == nil {
                    client.transaction.watchedKeys[i].wasExpired = false
                    continue
                }
            }
            client.transaction.dirty = true
            unwatchAll(client)
        }
    }

    /// True when a key the client watches has expired since WATCH (Redis's isWatchedKeyExpired).
    func watchedKeyExpired(_ client: SimulatorClient, now: Int64) -> Bool {
        client.transaction.watchedKeys.contains { watch in
            guard !watch.wasExpired, let when = databases[watch.db].expires[watch.key] else { return false }
            return when <= now
        }
    }
}
