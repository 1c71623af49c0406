import RESP

extension CommandTable {
    static let hashCommands: [CommandSpec] = hashWriteCommands + hashReadCommands

    static let hashWriteCommands: [CommandSpec] = [
        CommandSpec("hset", arity: -4, flags: ["write", "denyoom", "fast"], keys: .single, categories: ["@write", "@hash", "@fast"]) { ctx in
            .integer(try hashSet(ctx))
        },
        CommandSpec("hmset", arity: -4, flags: ["write", "denyoom", "fast"], keys: .single, categories: ["@write", "@hash", "@fast"]) { ctx in
            _ = try hashSet(ctx)
            return .ok
        },
        CommandSpec("hsetnx", arity: 4, flags: ["write", "denyoom", "fast"], keys: .single, categories: ["@write", "@hash", "@fast"]) { ctx in
            let hash = try hashForWrite(ctx, ctx[1])
            guard hash[ctx[2]] == nil else { return .integer(0) }
            hash.convertIfAnyTooLong([ctx[2], ctx[3]])
            hash.set(ctx[2], ctx[3])
            ctx.signalModified(ctx[1])
            ctx.notify(.hash, "hset", ctx[1])
            return .integer(1)
        },
        CommandSpec("hdel", arity: -3, flags: ["write", "fast"], keys: .single, categories: ["@write", "@hash", "@fast"]) { ctx in
            guard let hash = try ctx.lookupHash(ctx[1]) else { return .integer(0) }
            return ctx.removeArguments(.hash, event: "hdel", isEmpty: { hash.isEmpty }, remove: hash.remove)
        },
        CommandSpec("hincrby", arity: 4, flags: ["write", "denyoom", "fast"], keys: .single, categories: ["@write", "@hash", "@fast"]) { ctx in
            let increment = try ctx.integer(at: 3)
            let hash = try hashForWrite(ctx, ctx[1])
            var value: Int64 = 0
            if let current = hash[ctx[2]] {
                guard let parsed = current.int64Value else { throw RedisError("ERR hash value is not an integer") }
                value = parsed
            }
            let (sum, overflow) = value.addingReportingOverflow(increment)
            guard !overflow else { throw RedisError.overflow }
            hash.set(ctx[2], ByteString(sum))
            ctx.signalModified(ctx[1])
            ctx.notify(.hash, "hincrby", ctx[1])
            return .integer(sum)
        },
        CommandSpec("hincrbyfloat", arity: 4, flags: ["write", "denyoom", "fast"], keys: .single, categories: ["@write", "@hash", "@fast"]) { ctx in
            guard let increment = ctx[3].longDoubleValue else { throw RedisError.notFloat }
            guard increment.isFinite else { throw RedisError("ERR value is NaN or Infinity") }
            let hash = try hashForWrite(ctx, ctx[1])
            var value: LongDouble = 0
            if let current = hash[ctx[2]] {
                guard let parsed = current.longDoubleValue else { throw RedisError("ERR hash value is not a float") }
                value = parsed
            }
            value += increment
            guard value.isFinite else { throw RedisError.incrementNotFinite }
            let text = ByteString(humanLongDouble: value)
            hash.set(ctx[2], text)
            ctx.signalModified(ctx[1])
            ctx.notify(.hash, "hincrbyfloat", ctx[1])
            // Replicated as the value it reached, so float formatting cannot make replicas differ.
            ctx.propagateInstead([[ByteString("HSET"), ctx[1], ctx[2], text]])
            return .bulk(text)
        },
    ]

    /// HSET and HMSET: the number of new fields.
    static func hashSet(_ ctx: CommandContext) throws(RedisError) -> Int64 {
        guard ctx.count % 2 == 0 else { throw RedisError.arity(ctx.spec.name) }
        let hash = try hashForWrite(ctx, ctx[1])
        // Checked here first, so a hashtable hash takes no slice (and no retain) of the arguments.
        if hash.isListpack { hash.convertIfAnyTooLong(ctx.args[2...]) }
        var created: Int64 = 0
        var i = 2
        while i < ctx.count {
            if hash.set(ctx[i], ctx[i + 1]) { created += 1 }
            i += 2
        }
        ctx.signalModified(ctx[1])
        ctx.notify(.hash, "hset", ctx[1])
        return created
    }

    /// The hash at `key`, created empty when absent (Redis's hashTypeLookupWriteOrCreate).
    static func hashForWrite(_ ctx: CommandContext, _ key: ByteString) throws(RedisError) -> HashValue {
        if let hash = try ctx.lookupHash(key) { return hash }
        let hash = ctx.newHash()
        ctx.setKey(key, .hash(hash))
        return hash
    }
}
