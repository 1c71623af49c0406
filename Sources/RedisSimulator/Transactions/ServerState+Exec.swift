import RESP

extension ServerState {
    /// EXEC: runs the queued commands one after another, or answers EXECABORT (a command was
    /// refused while queuing) or a null array (a watched key changed), as Redis's execCommand.
    func exec(_ ctx: CommandContext) throws(RedisError) -> RESPValue {
        let client = ctx.client
        guard client.transaction.inMulti else { throw RedisError("ERR EXEC without MULTI") }
        if watchedKeyExpired(client, now: ctx.now) { client.transaction.dirty = true }
        if client.transaction.aborted {
            discardTransaction(client)
            throw RedisError("EXECABORT Transaction discarded because of previous errors.")
        }
        if client.transaction.dirty {
            discardTransaction(client)
            return .nullArray
        }
        unwatchAll(client)
        let queued = client.transaction.queued
        client.transaction.executing = true
        var replies: [RESPValue] = []
        replies.reserveCapacity(queued.count)
        var extras: [RESPValue] = []
        for (spec, args) in queued {
            client.extraReplies = []
            // Rules may have changed since the command was queued.
            if let denial = aclRefusal(spec, args, client: client, context: "multi") {
                replies.append(.error(
                    "NOPERM ACLs rules changed between the moment the transaction was accumulated and the EXEC call. This command is no longer allowed for the following reason: "
                        + denial.execText))
                continue
            }
            replies.append(call(spec, args, client: client, now: ctx.now))
            extras += client.extraReplies
        }
        client.extraReplies = extras
        discardTransaction(client)
        return .array(replies)
    }

    /// Leaves MULTI, forgetting queued commands and WATCHes (Redis's discardTransaction).
    func discardTransaction(_ client: SimulatorClient) {
        unwatchAll(client)
        client.transaction = TransactionState()
    }

    /// Starts watching `key` for `client` (Redis's watchForKey).
    func watch(_ key: ByteString, client: SimulatorClient, db: Database, now: Int64) {
        guard !client.transaction.watchedKeys.contains(where: { $0.db == db.index && $0.key == key }) else { return }
        let expired = db.entries[key] != nil && (db.expires[key].map { $0 <= now } ?? false)
        client.transaction.watchedKeys.append(ClientWatch(db: db.index, key: key, wasExpired: expired))
        watches.watch(key, db: db.index, client: client.id)
    }
}
