import RESP

extension CommandTable {
    static let sortedSetRemoveRangeCommands: [CommandSpec] = [
        CommandSpec("zremrangebyrank", arity: 4, flags: ["write"], keys: .single, categories: ["@write", "@sortedset", "@slow"]) { ctx in
            let start = try ctx.integer(at: 2), stop = try ctx.integer(at: 3)
            guard let zset = try ctx.lookupSortedSet(ctx[1]) else { return .integer(0) }
            return sortedSetRemove(ctx, zset, zset.ranks(start: start, stop: stop, reverse: false), event: "zremrangebyrank")
        },
        CommandSpec("zremrangebyscore", arity: 4, flags: ["write"], keys: .single, categories: ["@write", "@sortedset", "@slow"]) { ctx in
            guard let range = ScoreRange(min: ctx[2], max: ctx[3]) else { throw RedisError.minOrMaxNotFloat }
            guard let zset = try ctx.lookupSortedSet(ctx[1]) else { return .integer(0) }
            return sortedSetRemove(ctx, zset, zset.ranks(in: range), event: "zremrangebyscore")
        },
        CommandSpec("zremrangebylex", arity: 4, flags: ["write"], keys: .single, categories: ["@write", "@sortedset", "@slow"]) { ctx in
            guard let range = LexRange(min: ctx[2], max: ctx[3]) else { throw RedisError.minOrMaxNotLexItem }
            guard let zset = try ctx.lookupSortedSet(ctx[1]) else { return .integer(0) }
            return sortedSetRemove(ctx, zset, zset.ranks(in: range), event: "zremrangebylex")
        },
    ]

    /// Removes the members at `ranks`, with the event and the `del` Redis fires.
    static func sortedSetRemove(_ ctx: CommandContext, _ zset: SortedSetValue, _ ranks: Range<Int>, event: String) -> RESPValue {
        guard !ranks.isEmpty else { return .integer(0) }
        for element in zset.elements(from: ranks.lowerBound, limit: ranks.count) { zset.remove(element.member) }
        ctx.signalModified(ctx[1])
        ctx.notify(.zset, event, ctx[1])
        if zset.isEmpty {
            ctx.deleteKey(ctx[1])
            ctx.notify(.generic, "del", ctx[1])
        }
        return .integer(Int64(ranks.count))
    }
}
