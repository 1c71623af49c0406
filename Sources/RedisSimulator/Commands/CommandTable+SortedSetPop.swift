import RESP

extension CommandTable {
    static let sortedSetPopCommands: [CommandSpec] = [
        CommandSpec("zpopmin", arity: -2, flags: ["write", "fast"], keys: .single, categories: ["@write", "@sortedset", "@fast"]) { ctx in
            try sortedSetPopCommand(ctx, max: false)
        },
        CommandSpec("zpopmax", arity: -2, flags: ["write", "fast"], keys: .single, categories: ["@write", "@sortedset", "@fast"]) { ctx in
            try sortedSetPopCommand(ctx, max: true)
        },
        CommandSpec("zmpop", arity: -4, flags: ["write", "movablekeys"], keys: .none, categories: ["@write", "@sortedset", "@slow"]) { ctx in
            let request = try MultiPopRequest(ctx, numkeysAt: 1, sides: ("min", "max"))
            for key in request.keys {
                if let reply = try sortedSetMultiPop(ctx, key, request) { return reply }
            }
            return .nullArray
        },
    ]

    /// ZPOPMIN / ZPOPMAX key [count]: a flat member, score array; in RESP3 with a count, one
    /// pair per member.
    static func sortedSetPopCommand(_ ctx: CommandContext, max: Bool) throws(RedisError) -> RESPValue {
        guard ctx.count <= 3 else { throw RedisError.syntax }
        let count = ctx.count == 3 ? try ctx.positiveInteger(at: 2) : 1
        guard let zset = try ctx.lookupSortedSet(ctx[1]), count > 0 else { return .array([]) }
        let popped = sortedSetPop(ctx, ctx[1], zset, max: max, count: Int(clamping: count))
        return sortedSetReply(popped, withScores: true, nested: ctx.resp3 && ctx.count == 3, resp3: ctx.resp3)
    }

    /// Pops up to `count` members from the low (or high) end with Redis's events; deletes the key
    /// when it empties. The blocking pops use it too.
    static func sortedSetPop(
        _ ctx: CommandContext, _ key: ByteString, _ zset: SortedSetValue, max: Bool, count: Int
    ) -> [(member: ByteString, score: Double)] {
        let popped = zset.popExtremes(max: max, count: count)
        ctx.notify(.zset, max ? "zpopmax" : "zpopmin", key)
        ctx.signalModified(key)
        if zset.isEmpty {
            ctx.deleteKey(key)
            ctx.notify(.generic, "del", key)
        }
        return popped
    }
}
