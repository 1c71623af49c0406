import RESP

extension CommandTable {
    static let hashReadCommands: [CommandSpec] = [
        CommandSpec("hget", arity: 3, flags: ["readonly", "fast"], keys: .single, categories: ["@read", "@hash", "@fast"]) { ctx in
            .bulkOrNull(try ctx.lookupHash(ctx[1])?[ctx[2]])
        },
        CommandSpec("hmget", arity: -3, flags: ["readonly", "fast"], keys: .single, categories: ["@read", "@hash", "@fast"]) { ctx in
            let hash = try ctx.lookupHash(ctx[1])
            return .array(ctx.args[2...].map { .bulkOrNull(hash?[$0]) })
        },
        CommandSpec("hgetall", arity: 2, flags: ["readonly"], keys: .single, categories: ["@read", "@hash", "@slow"]) { ctx in
            guard let hash = try ctx.lookupHash(ctx[1]) else { return .map([]) }
            return .map(hash.pairs.flatMap { [RESPValue.bulk($0.field), .bulk($0.value)] })
        },
        CommandSpec("hkeys", arity: 2, flags: ["readonly"], keys: .single, categories: ["@read", "@hash", "@slow"]) { ctx in
            .array((try ctx.lookupHash(ctx[1])?.fields ?? []).map { .bulk($0) })
        },
        CommandSpec("hvals", arity: 2, flags: ["readonly"], keys: .single, categories: ["@read", "@hash", "@slow"]) { ctx in
            .array((try ctx.lookupHash(ctx[1])?.fieldValues ?? []).map { .bulk($0) })
        },
        CommandSpec("hexists", arity: 3, flags: ["readonly", "fast"], keys: .single, categories: ["@read", "@hash", "@fast"]) { ctx in
            .integer(try ctx.lookupHash(ctx[1])?[ctx[2]] != nil ? 1 : 0)
        },
        CommandSpec("hlen", arity: 2, flags: ["readonly", "fast"], keys: .single, categories: ["@read", "@hash", "@fast"]) { ctx in
            .integer(Int64(try ctx.lookupHash(ctx[1])?.count ?? 0))
        },
        CommandSpec("hstrlen", arity: 3, flags: ["readonly", "fast"], keys: .single, categories: ["@read", "@hash", "@fast"]) { ctx in
            .integer(Int64(try ctx.lookupHash(ctx[1])?[ctx[2]]?.count ?? 0))
        },
        CommandSpec("hrandfield", arity: -2, flags: ["readonly"], keys: .single, categories: ["@read", "@hash", "@slow"]) { ctx in
            guard ctx.count >= 3 else {
                guard let hash = try ctx.lookupHash(ctx[1]), !hash.isEmpty else { return .nullBulkString }
                return .bulk(hash.pair(at: Int.random(in: 0..<hash.count)).field)
            }
            let count = try randomCount(ctx, option: "withvalues")
            guard let hash = try ctx.lookupHash(ctx[1]) else { return .array([]) }
            let withValues = ctx.count == 4
            let picked = hash.pairs(at: RandomSample.positions(size: hash.count, count: count))
            if withValues, ctx.resp3 {
                // RESP3 pairs each field with its value.
                return .array(picked.map { pair in .array([.bulk(pair.field), .bulk(pair.value)]) })
            }
            return .array(picked.flatMap { pair -> [RESPValue] in
                withValues ? [.bulk(pair.field), .bulk(pair.value)] : [.bulk(pair.field)]
            })
        },
        CommandSpec("hscan", arity: -3, flags: ["readonly"], keys: .single, categories: ["@read", "@hash", "@slow"]) { ctx in
            let cursor = try CollectionScan.cursor(ctx[2])
            guard let hash = try ctx.lookupHash(ctx[1]) else { return emptyScan }
            let options = try CollectionScan.options(ctx, from: 3)
            if hash.isListpack {
                return CollectionScan.wholePage(hash.pairs.map { ($0.field, [$0.field, $0.value]) }, options: options)
            }
            return CollectionScan.page(hash.scanOrder(), cursor: cursor, options: options) { [$0, hash[$0] ?? ByteString([])] }
        },
    ]

    /// What a SCAN-family command answers for a missing key.
    static let emptyScan = RESPValue.array([.bulk("0"), .array([])])

    /// The count of HRANDFIELD / SRANDMEMBER / ZRANDMEMBER with Redis's range checks, and the
    /// optional WITH… word (`option`, nil when the command takes none).
    static func randomCount(_ ctx: CommandContext, option: StaticString?) throws(RedisError) -> Int64 {
        // Without an option (SRANDMEMBER) a fourth argument is a syntax error before the count
        // is read, as in Redis's srandmemberCommand; with one, the count comes first.
        if option == nil, ctx.count > 3 { throw RedisError.syntax }
        guard let count = ctx[2].int64Value else { throw RedisError.notInteger }
        guard count != Int64.min else {
            throw RedisError("ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807")
        }
        if let option {
            if ctx.count > 4 || (ctx.count == 4 && !ctx.word(at: 3, is: option)) { throw RedisError.syntax }
            if ctx.count == 4, count < -(Int64.max / 2) || count > Int64.max / 2 {
                throw RedisError("ERR value is out of range")
            }
        }
        // Redis would build a reply of that many repeats until memory ran out; the simulator,
        // which lives inside the learner's program, refuses instead of taking it down.
        guard count >= -maxRandomRepeats else {
            throw RedisError("ERR value is out of range: the simulator returns at most \(maxRandomRepeats) random elements")
        }
        return count
    }

    /// The most elements a negative-count HRANDFIELD / SRANDMEMBER / ZRANDMEMBER may ask for.
    static let maxRandomRepeats: Int64 = 10_000_000
}
