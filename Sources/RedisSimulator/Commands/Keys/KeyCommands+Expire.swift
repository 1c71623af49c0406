import RESP

extension CommandTable {
    static let keyExpireCommands: [CommandSpec] = [
        expireSpec("expire", unitMilliseconds: false, absolute: false),
        expireSpec("pexpire", unitMilliseconds: true, absolute: false),
        expireSpec("expireat", unitMilliseconds: false, absolute: true),
        expireSpec("pexpireat", unitMilliseconds: true, absolute: true),
        CommandSpec("ttl", arity: 2, flags: ["readonly", "fast"], keys: .single, categories: ["@keyspace", "@read", "@fast"]) { ctx in
            ttl(ctx, milliseconds: false, absolute: false)
        },
        CommandSpec("pttl", arity: 2, flags: ["readonly", "fast"], keys: .single, categories: ["@keyspace", "@read", "@fast"]) { ctx in
            ttl(ctx, milliseconds: true, absolute: false)
        },
        CommandSpec("expiretime", arity: 2, flags: ["readonly", "fast"], keys: .single, categories: ["@keyspace", "@read", "@fast"]) { ctx in
            ttl(ctx, milliseconds: false, absolute: true)
        },
        CommandSpec("pexpiretime", arity: 2, flags: ["readonly", "fast"], keys: .single, categories: ["@keyspace", "@read", "@fast"]) { ctx in
            ttl(ctx, milliseconds: true, absolute: true)
        },
        CommandSpec("persist", arity: 2, flags: ["write", "fast"], keys: .single, categories: ["@keyspace", "@write", "@fast"]) { ctx in
            guard ctx.exists(ctx[1]), ctx.removeExpire(ctx[1]) else { return .integer(0) }
            ctx.notify(.generic, "persist", ctx[1])
            return .integer(1)
        },
    ]

    static func expireSpec(_ name: String, unitMilliseconds: Bool, absolute: Bool) -> CommandSpec {
        CommandSpec(name, arity: -3, flags: ["write", "fast"], keys: .single, categories: ["@keyspace", "@write", "@fast"]) { ctx in
            try expire(ctx, unitMilliseconds: unitMilliseconds, absolute: absolute)
        }
    }

    /// Redis 7.0's expireGenericCommand: options first, then the time, then the conditions.
    static func expire(_ ctx: CommandContext, unitMilliseconds: Bool, absolute: Bool) throws(RedisError) -> RESPValue {
        var nx = false, xx = false, gt = false, lt = false
        for index in 3..<ctx.count {
            switch ctx[index].uppercasedString {
            case "NX": nx = true
            case "XX": xx = true
            case "GT": gt = true
            case "LT": lt = true
            default: throw RedisError("ERR Unsupported option \(ctx[index].errorText)")
            }
        }
        if nx && (xx || gt || lt) {
            throw RedisError("ERR NX and XX, GT or LT options at the same time are not compatible")
        }
        if gt && lt { throw RedisError("ERR GT and LT options at the same time are not compatible") }
        var when = try ctx.integer(at: 2)
        let invalid = RedisError.invalidExpireTime(in: ctx.spec.name)
        if !unitMilliseconds {
            guard when <= Int64.max / 1000, when >= Int64.min / 1000 else { throw invalid }
            when *= 1000
        }
        if !absolute {
            guard when <= Int64.max - ctx.now else { throw invalid }
            when += ctx.now
        }
        let key = ctx[1]
        guard ctx.exists(key) else { return .integer(0) }
        let current = ctx.expireTime(key)
        if nx && current != nil { return .integer(0) }
        if xx && current == nil { return .integer(0) }
        if gt, current == nil || when <= current! { return .integer(0) }
        if lt, let current, when >= current { return .integer(0) }
        if when <= ctx.now {
            ctx.deleteKey(key)
            ctx.notify(.generic, "del", key)
            ctx.propagateInstead([[ByteString("DEL"), key]])
            return .integer(1)
        }
        ctx.setExpire(key, at: when)
        ctx.notify(.generic, "expire", key)
        ctx.propagateInstead([[ByteString("PEXPIREAT"), key, ByteString(when)]])
        return .integer(1)
    }

    /// TTL, PTTL, EXPIRETIME, PEXPIRETIME: -2 for a missing key, -1 for one without a TTL.
    static func ttl(_ ctx: CommandContext, milliseconds: Bool, absolute: Bool) -> RESPValue {
        // A read that leaves the key's access time alone (Redis's LOOKUP_NOTOUCH).
        guard ctx.lookup(ctx[1], touching: false) != nil else { return .integer(-2) }
        guard let when = ctx.expireTime(ctx[1]) else { return .integer(-1) }
        // Seconds are rounded to the nearest, as Redis's ttlGenericCommand rounds (also for EXPIRETIME).
        if absolute { return .integer(milliseconds ? when : (when + 500) / 1000) }
        let remaining = max(0, when - ctx.now)
        return .integer(milliseconds ? remaining : (remaining + 500) / 1000)
    }
}
