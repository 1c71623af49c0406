import RESP

extension CommandTable {
    static let keyDatabaseCommands: [CommandSpec] = [
        CommandSpec("dbsize", arity: 1, flags: ["readonly", "fast"], categories: ["@keyspace", "@read", "@fast"]) { ctx in
            .integer(Int64(ctx.db.count))
        },
        CommandSpec("flushdb", arity: -1, flags: ["write"], categories: ["@keyspace", "@write", "@slow", "@dangerous"]) { ctx in
            try flushMode(ctx)
            ctx.server.flush([ctx.db])
            ctx.server.trackingInvalidateOnFlush()
            return .ok
        },
        CommandSpec("flushall", arity: -1, flags: ["write"], categories: ["@keyspace", "@write", "@slow", "@dangerous"]) { ctx in
            try flushMode(ctx)
            ctx.server.flush(ctx.server.databases)
            ctx.server.trackingInvalidateOnFlush()
            return .ok
        },
        CommandSpec("swapdb", arity: 3, flags: ["write", "fast"], categories: ["@keyspace", "@write", "@fast", "@dangerous"]) { ctx in
            guard let first = ctx[1].int64Value, first >= Int64(Int32.min), first <= Int64(Int32.max) else {
                throw RedisError("ERR invalid first DB index")
            }
            guard let second = ctx[2].int64Value, second >= Int64(Int32.min), second <= Int64(Int32.max) else {
                throw RedisError("ERR invalid second DB index")
            }
            let count = Int64(ctx.databaseCount)
            guard first >= 0, first < count, second >= 0, second < count else { throw RedisError.dbIndexOutOfRange }
            ctx.server.swapDatabases(Int(first), Int(second))
            ctx.server.trackingInvalidateOnFlush()
            return .ok
        },
    ]

    /// FLUSHDB/FLUSHALL accept one optional ASYNC or SYNC.
    static func flushMode(_ ctx: CommandContext) throws(RedisError) {
        guard ctx.count > 1 else { return }
        guard ctx.count == 2, ctx.argument(1, is: "ASYNC") || ctx.argument(1, is: "SYNC") else { throw .syntax }
    }
}

extension ServerState {
    /// Empties `targets`, telling WATCHers of every key that was there.
    func flush(_ targets: [Database]) {
        for db in targets {
            signalDeletedStreams(in: db, replacedWith: nil)
            if !watches.isEmpty { for key in db.entries.keys { touchWatchedKey(key, in: db.index) } }
            db.removeAll()
        }
    }

    /// Exchanges two databases' contents (SWAPDB); WATCHers of keys in either see a change.
    func swapDatabases(_ first: Int, _ second: Int) {
        guard first != second else { return }
        let a = databases[first], b = databases[second]
        signalDeletedStreams(in: a, replacedWith: b)
        signalDeletedStreams(in: b, replacedWith: a)
        if !watches.isEmpty {
            for key in a.entries.keys { touchWatchedKey(key, in: second); touchWatchedKey(key, in: first) }
            for key in b.entries.keys { touchWatchedKey(key, in: first); touchWatchedKey(key, in: second) }
        }
        a.swapContents(with: b)
        // Clients stay in their database: a key they wait for may now exist there.
        signalWaitedKeysThatExist(in: a)
        signalWaitedKeysThatExist(in: b)
    }

    /// Lets clients blocked on a stream of `db` that `replacement` does not hold as a stream
    /// (a flush, a swap) answer: a group reader gets Redis's "no longer exists" error
    /// (Redis's scanDatabaseForDeletedStreams).
    private func signalDeletedStreams(in db: Database, replacedWith replacement: Database?) {
        guard !blocking.waiting.isEmpty else { return }
        for watched in blocking.waiting.keys where watched.db == db.index {
            guard case .stream? = db.entries[watched.key] else { continue }
            if case .stream? = replacement?.entries[watched.key] { continue }
            signalKeyAsReady(watched.key, in: db.index)
        }
    }

    /// Signals every waited-for key that holds a value in `db` (Redis's scanDatabaseForReadyKeys).
    private func signalWaitedKeysThatExist(in db: Database) {
        guard !blocking.waiting.isEmpty else { return }
        for watched in blocking.waiting.keys where watched.db == db.index && db.entries[watched.key] != nil {
            signalKeyAsReady(watched.key, in: db.index)
        }
    }
}
