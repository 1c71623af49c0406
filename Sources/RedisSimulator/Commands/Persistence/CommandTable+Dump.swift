import RESP

/// DUMP and RESTORE, in Redis 7.0's serialization format: a payload DUMPed by redis-server
/// restores here and the other way round.
extension CommandTable {
    static let dumpCommands: [CommandSpec] = [
        CommandSpec("dump", arity: 2, flags: ["readonly"], keys: .single, categories: ["@keyspace", "@read", "@slow"]) { ctx in
            guard let value = ctx.lookup(ctx[1]) else { return .nullBulkString }
            return .bulk(ByteString(DumpPayload.make(value, encoder: ctx.rdbEncoder)))
        },
        CommandSpec("restore", arity: -4, flags: ["write", "denyoom"], keys: .single,
                    categories: ["@keyspace", "@write", "@slow", "@dangerous"], handler: restore),
        // What a cluster's MIGRATE sends to a node importing the key's slot; outside cluster
        // mode Redis runs it as RESTORE, under its own name in commandstats and ACLs.
        CommandSpec("restore-asking", arity: -4, flags: ["write", "denyoom", "asking"], keys: .single,
                    categories: ["@keyspace", "@write", "@slow", "@dangerous"], handler: restore),
    ]

    @Sendable static func restore(_ ctx: CommandContext) throws -> RESPValue {
        var replace = false, absoluteTTL = false
        var idleSeconds: Int64?, frequency: Int64?
        var index = 4
        while index < ctx.count {
            let hasValue = index + 1 < ctx.count
            if ctx.argument(index, is: "replace") {
                replace = true
            } else if ctx.argument(index, is: "absttl") {
                absoluteTTL = true
            } else if ctx.argument(index, is: "idletime"), hasValue, frequency == nil {
                let idle = try ctx.integer(at: index + 1)
                guard idle >= 0 else { throw RedisError("ERR Invalid IDLETIME value, must be >= 0") }
                idleSeconds = idle
                index += 1
            } else if ctx.argument(index, is: "freq"), hasValue, idleSeconds == nil {
                let freq = try ctx.integer(at: index + 1)
                guard freq >= 0, freq <= 255 else { throw RedisError("ERR Invalid FREQ value, must be >= 0 and <= 255") }
                frequency = freq
                index += 1
            } else {
                throw RedisError.syntax
            }
            index += 1
        }
        let key = ctx[1]
        if !replace, ctx.exists(key) { throw RedisError("BUSYKEY Target key name already exists.") }
        var ttl = try ctx.integer(at: 2)
        guard ttl >= 0 else { throw RedisError("ERR Invalid TTL value, must be >= 0") }
        let payload = ctx[3].bytes
        guard DumpPayload.isValid(payload) else { throw RedisError.badDumpPayload }
        let value: RedisValue
        do {
            value = try DumpPayload.value(of: payload, limits: ctx.server.config.encodingLimits)
        } catch {
            throw RedisError("ERR Bad data format")
        }

        let deleted = replace && ctx.deleteKey(key)
        if ttl > 0, !absoluteTTL { ttl = ttl &+ ctx.now }
        if ttl > 0, ttl <= ctx.now {
            // Already expired: the key is gone (and only a replaced key is announced); the
            // replicas delete it too.
            if deleted { ctx.notify(.generic, "del", key) }
            ctx.propagateInstead(deleted ? [[ByteString("DEL"), key]] : [])
            return .ok
        }
        ctx.setKey(key, value)
        ctx.db.entries[access: key]?.restore(
            idleSeconds: idleSeconds, frequency: frequency, lfu: ctx.server.config.usesLFU, now: ctx.now)
        if ttl > 0 {
            ctx.setExpire(key, at: ttl)
            if !absoluteTTL {
                // The replicas get the absolute time.
                var rewritten = ctx.args
                rewritten[2] = ByteString(ttl)
                ctx.propagateInstead([rewritten + [ByteString("ABSTTL")]])
            }
        }
        ctx.notify(.generic, "restore", key)
        return .ok
    }
}

extension CommandContext {
    /// The encoder for this server's settings (`list-max-listpack-size`).
    var rdbEncoder: RDBValueEncoder {
        var encoder = RDBValueEncoder()
        if let fill = server.config.values["list-max-listpack-size"].flatMap({ Int($0) }) { encoder.listFill = fill }
        return encoder
    }
}
