import RESP

/// MOVE key db (Redis's db.c): the value, its TTL and its encoding go to another database,
/// unless the key is already there.
extension CommandTable {
    static let moveCommands: [CommandSpec] = [
        CommandSpec("move", arity: 3, flags: ["write", "fast"], keys: .single, categories: ["@keyspace", "@write", "@fast"]) { ctx in
            let index = try ctx.int32(at: 2)
            guard index >= 0, index < ctx.databaseCount else { throw RedisError.dbIndexOutOfRange }
            let target = ctx.switchingDatabase(to: Int(index))
            guard target.db !== ctx.db else { throw RedisError.sameSourceAndDestination }
            let key = ctx[1]
            guard let value = ctx.peek(key) else { return .integer(0) }
            let expire = ctx.expireTime(key)
            let encoding = ctx.db.encodingOverrides[key]
            if target.exists(key) { return .integer(0) }
            target.setKey(key, value)
            if let expire { target.setExpire(key, at: expire) }
            if let encoding { target.db.encodingOverrides[key] = encoding }
            ctx.deleteKey(key)
            ctx.notify(.generic, "move_from", key)
            target.notify(.generic, "move_to", key)
            return .integer(1)
        },
    ]
}
