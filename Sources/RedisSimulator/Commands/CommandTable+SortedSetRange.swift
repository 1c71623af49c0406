import RESP

extension CommandTable {
    /// How a ZRANGE-family command selects: by rank, score or member.
    enum SortedSetRangeKind { case rank, score, lex }

    static let sortedSetRangeCommands: [CommandSpec] = [
        CommandSpec("zrange", arity: -4, flags: ["readonly"], keys: .single, categories: ["@read", "@sortedset", "@slow"]) { ctx in
            try sortedSetRange(ctx, source: 1, destination: nil, kind: nil, reverse: nil)
        },
        CommandSpec("zrangestore", arity: -5, flags: ["write", "denyoom"], keys: KeyPositions(first: 1, last: 2, step: 1), categories: ["@write", "@sortedset", "@slow"]) { ctx in
            try sortedSetRange(ctx, source: 2, destination: ctx[1], kind: nil, reverse: nil)
        },
        CommandSpec("zrevrange", arity: -4, flags: ["readonly"], keys: .single, categories: ["@read", "@sortedset", "@slow"]) { ctx in
            try sortedSetRange(ctx, source: 1, destination: nil, kind: .rank, reverse: true)
        },
        CommandSpec("zrangebyscore", arity: -4, flags: ["readonly"], keys: .single, categories: ["@read", "@sortedset", "@slow"]) { ctx in
            try sortedSetRange(ctx, source: 1, destination: nil, kind: .score, reverse: false)
        },
        CommandSpec("zrevrangebyscore", arity: -4, flags: ["readonly"], keys: .single, categories: ["@read", "@sortedset", "@slow"]) { ctx in
            try sortedSetRange(ctx, source: 1, destination: nil, kind: .score, reverse: true)
        },
        CommandSpec("zrangebylex", arity: -4, flags: ["readonly"], keys: .single, categories: ["@read", "@sortedset", "@slow"]) { ctx in
            try sortedSetRange(ctx, source: 1, destination: nil, kind: .lex, reverse: false)
        },
        CommandSpec("zrevrangebylex", arity: -4, flags: ["readonly"], keys: .single, categories: ["@read", "@sortedset", "@slow"]) { ctx in
            try sortedSetRange(ctx, source: 1, destination: nil, kind: .lex, reverse: true)
        },
    ]

    /// Redis's zrangeGenericCommand: ZRANGE and ZRANGESTORE (`kind`/`reverse` nil: chosen by
    /// options) and the older fixed-kind commands.
    static func sortedSetRange(
        _ ctx: CommandContext, source: Int, destination: ByteString?, kind fixedKind: SortedSetRangeKind?, reverse fixedReverse: Bool?
    ) throws(RedisError) -> RESPValue {
        var kind = fixedKind, reverse = fixedReverse
        var withScores = false
        var offset: Int64 = 0, limit: Int64 = -1
        var j = source + 3
        while j < ctx.count {
            let left = ctx.count - j - 1
            if destination == nil, ctx.word(at: j, is: "withscores") {
                withScores = true
            } else if ctx.word(at: j, is: "limit"), left >= 2 {
                offset = try ctx.integer(at: j + 1)
                limit = try ctx.integer(at: j + 2)
                j += 2
            } else if reverse == nil, ctx.word(at: j, is: "rev") {
                reverse = true
            } else if fixedKind == nil, kind == nil, ctx.word(at: j, is: "bylex") {
                kind = .lex
            } else if fixedKind == nil, kind == nil, ctx.word(at: j, is: "byscore") {
                kind = .score
            } else {
                throw RedisError.syntax
            }
            j += 1
        }
        let rangeKind = kind ?? .rank
        let descending = reverse ?? false
        if limit != -1, rangeKind == .rank {
            throw RedisError("ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX")
        }
        if withScores, rangeKind == .lex {
            throw RedisError("ERR syntax error, WITHSCORES not supported in combination with BYLEX")
        }
        var minIndex = source + 1, maxIndex = source + 2
        if descending, rangeKind != .rank { swap(&minIndex, &maxIndex) }

        var rankStart: Int64 = 0, rankStop: Int64 = 0
        var scoreRange: ScoreRange?, lexRange: LexRange?
        switch rangeKind {
        case .rank:
            rankStart = try ctx.integer(at: minIndex)
            rankStop = try ctx.integer(at: maxIndex)
        case .score:
            scoreRange = ScoreRange(min: ctx[minIndex], max: ctx[maxIndex])
            if scoreRange == nil { throw RedisError.minOrMaxNotFloat }
        case .lex:
            lexRange = LexRange(min: ctx[minIndex], max: ctx[maxIndex])
            if lexRange == nil { throw RedisError.minOrMaxNotLexItem }
        }

        var selected: [(member: ByteString, score: Double)] = []
        if let zset = try ctx.lookupSortedSet(ctx[source]) {
            let ranks: Range<Int>
            if let scoreRange { ranks = zset.ranks(in: scoreRange) }
            else if let lexRange { ranks = zset.ranks(in: lexRange, reverse: descending) }
            else { ranks = zset.ranks(start: rankStart, stop: rankStop, reverse: descending) }
            selected = sortedSetSlice(zset, ranks, reverse: descending, offset: offset, limit: limit)
        }
        if let destination { return storeSortedSet(ctx, destination, selected, event: "zrangestore") }
        return sortedSetReply(selected, withScores: withScores, nested: ctx.resp3, resp3: ctx.resp3)
    }

    /// The members at `ranks`, walked in the asked direction, after skipping `offset` and taking
    /// at most `limit` (negative: all; a negative offset selects nothing, as in Redis).
    static func sortedSetSlice(
        _ zset: SortedSetValue, _ ranks: Range<Int>, reverse: Bool, offset: Int64, limit: Int64
    ) -> [(member: ByteString, score: Double)] {
        guard offset >= 0, Int64(ranks.count) > offset, limit != 0 else { return [] }
        let available = ranks.count - Int(offset)
        let take = limit < 0 ? available : min(available, Int(clamping: limit))
        if reverse { return zset.elements(from: ranks.upperBound - 1 - Int(offset), limit: take, reverse: true) }
        return zset.elements(from: ranks.lowerBound + Int(offset), limit: take)
    }

    /// Members, with their scores when asked: interleaved (RESP2's flat form) or, when
    /// `nested` (RESP3), as one [member, score] pair per member. A `resp3` client gets scores
    /// as doubles; a RESP2 client gets their text at once, so the reply needs no adapting
    /// pass (which copies the whole array to change its scores).
    static func sortedSetReply(
        _ elements: [(member: ByteString, score: Double)], withScores: Bool, nested: Bool, resp3: Bool
    ) -> RESPValue {
        if withScores, nested {
            return .array(elements.map { .array([.bulk($0.member), .double($0.score)]) })
        }
        var reply: [RESPValue] = []
        reply.reserveCapacity(elements.count * (withScores ? 2 : 1))
        for element in elements {
            reply.append(.bulk(element.member))
            if withScores {
                reply.append(resp3 ? .double(element.score) : .bulkString(RESPDouble.bytes(element.score)))
            }
        }
        return .array(reply)
    }

    /// Stores a computed sorted set at `destination` (deleting it when empty) and answers its size.
    static func storeSortedSet(
        _ ctx: CommandContext, _ destination: ByteString, _ elements: [(member: ByteString, score: Double)], event: String
    ) -> RESPValue {
        if elements.isEmpty {
            if ctx.deleteKey(destination) { ctx.notify(.generic, "del", destination) }
            return .integer(0)
        }
        let result = ctx.newSortedSet(listpack: false)
        for element in elements { result.set(element.member, score: element.score) }
        result.convertToListpackIfFits()
        ctx.setKey(destination, .zset(result))
        ctx.notify(.zset, event, destination)
        return .integer(Int64(result.count))
    }
}
