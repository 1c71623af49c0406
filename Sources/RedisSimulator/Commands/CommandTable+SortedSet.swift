import RESP

extension CommandTable {
    static let sortedSetCommands: [CommandSpec] = sortedSetMemberCommands + sortedSetRangeCommands
        + sortedSetRemoveRangeCommands + sortedSetPopCommands + sortedSetAlgebraCommands

    static let sortedSetMemberCommands: [CommandSpec] = [
        CommandSpec("zadd", arity: -4, flags: ["write", "denyoom", "fast"], keys: .single, categories: ["@write", "@sortedset", "@fast"]) { ctx in
            try sortedSetAdd(ctx, incr: false)
        },
        CommandSpec("zincrby", arity: 4, flags: ["write", "denyoom", "fast"], keys: .single, categories: ["@write", "@sortedset", "@fast"]) { ctx in
            try sortedSetAdd(ctx, incr: true)
        },
        CommandSpec("zrem", arity: -3, flags: ["write", "fast"], keys: .single, categories: ["@write", "@sortedset", "@fast"]) { ctx in
            guard let zset = try ctx.lookupSortedSet(ctx[1]) else { return .integer(0) }
            var removed: Int64 = 0
            for member in ctx.args[2...] where zset.remove(member) {
                removed += 1
                if zset.isEmpty { break }
            }
            if removed > 0 {
                ctx.notify(.zset, "zrem", ctx[1])
                if zset.isEmpty {
                    ctx.deleteKey(ctx[1])
                    ctx.notify(.generic, "del", ctx[1])
                }
                ctx.signalModified(ctx[1])
            }
            return .integer(removed)
        },
        CommandSpec("zscore", arity: 3, flags: ["readonly", "fast"], keys: .single, categories: ["@read", "@sortedset", "@fast"]) { ctx in
            guard let score = try ctx.lookupSortedSet(ctx[1])?.score(of: ctx[2]) else { return .nullBulkString }
            return .double(score)
        },
        CommandSpec("zmscore", arity: -3, flags: ["readonly", "fast"], keys: .single, categories: ["@read", "@sortedset", "@fast"]) { ctx in
            let zset = try ctx.lookupSortedSet(ctx[1])
            return .array(ctx.args[2...].map { member in zset?.score(of: member).map { .double($0) } ?? .nullBulkString })
        },
        CommandSpec("zcard", arity: 2, flags: ["readonly", "fast"], keys: .single, categories: ["@read", "@sortedset", "@fast"]) { ctx in
            .integer(Int64(try ctx.lookupSortedSet(ctx[1])?.count ?? 0))
        },
        CommandSpec("zcount", arity: 4, flags: ["readonly", "fast"], keys: .single, categories: ["@read", "@sortedset", "@fast"]) { ctx in
            guard let range = ScoreRange(min: ctx[2], max: ctx[3]) else { throw RedisError.minOrMaxNotFloat }
            guard let zset = try ctx.lookupSortedSet(ctx[1]) else { return .integer(0) }
            return .integer(Int64(zset.ranks(in: range).count))
        },
        CommandSpec("zlexcount", arity: 4, flags: ["readonly", "fast"], keys: .single, categories: ["@read", "@sortedset", "@fast"]) { ctx in
            guard let range = LexRange(min: ctx[2], max: ctx[3]) else { throw RedisError.minOrMaxNotLexItem }
            guard let zset = try ctx.lookupSortedSet(ctx[1]) else { return .integer(0) }
            return .integer(Int64(zset.ranks(in: range).count))
        },
        CommandSpec("zrank", arity: 3, flags: ["readonly", "fast"], keys: .single, categories: ["@read", "@sortedset", "@fast"]) { ctx in
            guard let zset = try ctx.lookupSortedSet(ctx[1]), let rank = zset.rank(of: ctx[2]) else { return .nullBulkString }
            return .integer(Int64(rank))
        },
        CommandSpec("zrevrank", arity: 3, flags: ["readonly", "fast"], keys: .single, categories: ["@read", "@sortedset", "@fast"]) { ctx in
            guard let zset = try ctx.lookupSortedSet(ctx[1]), let rank = zset.rank(of: ctx[2]) else { return .nullBulkString }
            return .integer(Int64(zset.count - 1 - rank))
        },
        CommandSpec("zrandmember", arity: -2, flags: ["readonly"], keys: .single, categories: ["@read", "@sortedset", "@slow"]) { ctx in
            guard ctx.count >= 3 else {
                guard let zset = try ctx.lookupSortedSet(ctx[1]), !zset.isEmpty else { return .nullBulkString }
                return .bulk(zset.element(at: Int.random(in: 0..<zset.count)).member)
            }
            let count = try randomCount(ctx, option: "withscores")
            guard let zset = try ctx.lookupSortedSet(ctx[1]) else { return .array([]) }
            let withScores = ctx.count == 4
            // Redis walks sorted sets from the highest score down, so "all of it" comes reversed.
            let whole = count >= Int64(zset.count)
            let picked = zset.elements(at: RandomSample.positions(size: zset.count, count: count).map { index in
                whole ? zset.count - 1 - index : index
            })
            return sortedSetReply(picked, withScores: withScores, nested: ctx.resp3, resp3: ctx.resp3)
        },
        CommandSpec("zscan", arity: -3, flags: ["readonly"], keys: .single, categories: ["@read", "@sortedset", "@slow"]) { ctx in
            let cursor = try CollectionScan.cursor(ctx[2])
            guard let zset = try ctx.lookupSortedSet(ctx[1]) else { return emptyScan }
            let options = try CollectionScan.options(ctx, from: 3)
            if zset.isListpack {
                return CollectionScan.wholePage(zset.all.map { ($0.member, [$0.member, ByteString(double: $0.score)]) }, options: options)
            }
            return CollectionScan.page(zset.scanOrder(), cursor: cursor, options: options) { member in
                [member, ByteString(double: zset.score(of: member) ?? 0)]
            }
        },
    ]

    /// ZADD and ZINCRBY (Redis's zaddGenericCommand): option checks in Redis's order, all scores
    /// parsed before anything changes, then each pair applied.
    static func sortedSetAdd(_ ctx: CommandContext, incr incrCommand: Bool) throws(RedisError) -> RESPValue {
        var nx = false, xx = false, ch = false, incr = incrCommand, gt = false, lt = false
        var scoreIndex = 2
        while scoreIndex < ctx.count {
            if ctx.word(at: scoreIndex, is: "nx") { nx = true }
            else if ctx.word(at: scoreIndex, is: "xx") { xx = true }
            else if ctx.word(at: scoreIndex, is: "ch") { ch = true }
            else if ctx.word(at: scoreIndex, is: "incr") { incr = true }
            else if ctx.word(at: scoreIndex, is: "gt") { gt = true }
            else if ctx.word(at: scoreIndex, is: "lt") { lt = true }
            else { break }
            scoreIndex += 1
        }
        let remaining = ctx.count - scoreIndex
        guard remaining > 0, remaining % 2 == 0 else { throw RedisError.syntax }
        if nx && xx { throw RedisError("ERR XX and NX options at the same time are not compatible") }
        if (gt && nx) || (lt && nx) || (gt && lt) {
            throw RedisError("ERR GT, LT, and/or NX options at the same time are not compatible")
        }
        if incr && remaining > 2 { throw RedisError("ERR INCR option supports a single increment-element pair") }
        // One pair, the common case, keeps its score in a local: an array cost every ZADD a malloc.
        let pairs = remaining / 2
        let firstScore = try ctx.double(at: scoreIndex)
        var scores: [Double] = []
        if pairs > 1 {
            scores.reserveCapacity(pairs)
            scores.append(firstScore)
            for j in stride(from: scoreIndex + 2, to: ctx.count, by: 2) { scores.append(try ctx.double(at: j)) }
        }

        let key = ctx[1]
        var zset = try ctx.lookupSortedSet(key)
        if zset == nil {
            if xx { return incr ? .nullBulkString : .integer(0) }
            let limits = ctx.server.config.encodingLimits.sortedSet
            let created = ctx.newSortedSet(listpack: limits.entries > 0 && ctx[scoreIndex + 1].count <= limits.value)
            ctx.setKey(key, .zset(created))
            zset = created
        }
        guard let zset else { return .integer(0) }
        var added: Int64 = 0, updated: Int64 = 0, processed = 0
        var lastScore = 0.0
        var failure: RedisError?
        for j in 0..<pairs {
            let member = ctx[scoreIndex + 1 + 2 * j]
            var score = pairs > 1 ? scores[j] : firstScore
            if let current = zset.score(of: member) {
                if nx { continue }
                if incr {
                    score += current
                    if score.isNaN {
                        failure = RedisError("ERR resulting score is not a number (NaN)")
                        break
                    }
                }
                if (lt && score >= current) || (gt && score <= current) { continue }
                lastScore = score
                processed += 1
                if score != current {
                    zset.set(member, score: score)
                    updated += 1
                }
            } else if !xx {
                zset.addAbsent(member, score: score)
                lastScore = score
                added += 1
                processed += 1
            }
        }
        if added > 0 || updated > 0 {
            ctx.signalModified(key)
            ctx.notify(.zset, incr ? "zincr" : "zadd", key)
        }
        if let failure { throw failure }
        if incr { return processed > 0 ? .double(lastScore) : .nullBulkString }
        return .integer(ch ? added + updated : added)
    }
}
