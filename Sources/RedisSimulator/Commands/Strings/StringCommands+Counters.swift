import RESP

extension CommandTable {
    static let stringCounterCommands: [CommandSpec] = [
        counterSpec("incr", arity: 2) { _ in 1 },
        counterSpec("decr", arity: 2) { _ in -1 },
        counterSpec("incrby", arity: 3) { ctx throws(RedisError) in try ctx.integer(at: 2) },
        counterSpec("decrby", arity: 3) { ctx throws(RedisError) in
            let amount = try ctx.integer(at: 2)
            guard amount != Int64.min else { throw RedisError("ERR decrement would overflow") }
            return -amount
        },
        CommandSpec("incrbyfloat", arity: 3, flags: ["write", "denyoom", "fast"], keys: .single, categories: ["@write", "@string", "@fast"]) { ctx in
            let current = try ctx.lookupString(ctx[1])
            var value: LongDouble = 0
            if let current {
                guard let parsed = current.longDoubleValue else { throw RedisError.notFloat }
                value = parsed
            }
            guard let increment = ctx[2].longDoubleValue else { throw RedisError.notFloat }
            value += increment
            guard value.isFinite else { throw RedisError.incrementNotFinite }
            let text = ByteString(humanLongDouble: value)
            if current == nil { ctx.setKey(ctx[1], .string(text)) } else { ctx.overwriteValue(ctx[1], .string(text)) }
            // Redis stores the result as a plain string object, never int-encoded.
            if text.count <= 44 { ctx.db.encodingOverrides[ctx[1]] = "embstr" }
            ctx.notify(.string, "incrbyfloat", ctx[1])
            // Replicated as the value it reached, so float formatting cannot make replicas differ.
            ctx.propagateInstead([[ByteString("SET"), ctx[1], text, ByteString("KEEPTTL")]])
            return .bulk(text)
        },
    ]

    static func counterSpec(_ name: String, arity: Int, amount: @escaping @Sendable (CommandContext) throws(RedisError) -> Int64) -> CommandSpec {
        CommandSpec(name, arity: arity, flags: ["write", "denyoom", "fast"], keys: .single, categories: ["@write", "@string", "@fast"]) { ctx in
            // Redis reads the increment before the key: a bad one is refused whatever the key holds.
            let delta = try amount(ctx)
            let current = try ctx.lookupString(ctx[1])
            var value: Int64 = 0
            if let current {
                guard let parsed = current.int64Value else { throw RedisError.notInteger }
                value = parsed
            }
            let (sum, overflow) = value.addingReportingOverflow(delta)
            guard !overflow else { throw RedisError.overflow }
            let text = ByteString(sum)
            if current == nil { ctx.setKey(ctx[1], .string(text)) } else { ctx.overwriteValue(ctx[1], .string(text)) }
            ctx.notify(.string, "incrby", ctx[1])
            return .integer(sum)
        }
    }
}
