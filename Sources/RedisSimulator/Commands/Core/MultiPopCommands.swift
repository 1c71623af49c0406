import RESP

/// LMPOP, ZMPOP, BLMPOP and BZMPOP (Redis 7.0): pop up to COUNT elements from the first of
/// their keys that has any; the blocking forms wait for one when none has.
extension CommandTable {
    static let blockingMultiPopCommands: [CommandSpec] = [
        CommandSpec("blmpop", arity: -5, flags: ["write", "blocking", "movablekeys"], keys: .none,
                    categories: ["@write", "@list", "@slow", "@blocking"]) { ctx in
            try blockingMultiPop(ctx, MultiPopRequest(ctx, numkeysAt: 2, sides: ("left", "right")), pop: listMultiPop) { value in
                if case .list = value { true } else { false }
            }
        },
        CommandSpec("bzmpop", arity: -5, flags: ["write", "blocking", "movablekeys"], keys: .none,
                    categories: ["@write", "@sortedset", "@slow", "@blocking"]) { ctx in
            try blockingMultiPop(ctx, MultiPopRequest(ctx, numkeysAt: 2, sides: ("min", "max")), pop: sortedSetMultiPop) { value in
                if case .zset = value { true } else { false }
            }
        },
    ]

    /// Pops at once from the first key that has elements (WRONGTYPE at a key of another type),
    /// else blocks; once blocked, a key that `holdsType` rejects keeps the client waiting, as
    /// Redis serves a ready key only when it holds the type waited for.
    private static func blockingMultiPop(
        _ ctx: CommandContext, _ request: MultiPopRequest,
        pop: @escaping @Sendable (CommandContext, ByteString, MultiPopRequest) throws(RedisError) -> RESPValue?,
        holdsType: @escaping @Sendable (RedisValue) -> Bool
    ) throws(RedisError) -> RESPValue {
        let timeout = try timeoutSeconds(ctx[1])
        for key in request.keys {
            if let reply = try pop(ctx, key, request) { return reply }
        }
        return ctx.block(on: request.keys, timeoutMilliseconds: timeout, timeoutReply: .nullArray) { retry, key throws(RedisError) in
            guard let value = retry.lookup(key), holdsType(value) else { return nil }
            return try pop(retry, key, request)
        }
    }

    /// LMPOP's pop from `key`: `[key, [elements]]`, replicated as LPOP/RPOP with the count it
    /// popped; nil when the key holds no list; WRONGTYPE for another type.
    static func listMultiPop(_ ctx: CommandContext, _ key: ByteString, _ request: MultiPopRequest) throws(RedisError) -> RESPValue? {
        guard let list = try ctx.lookupList(key), !list.isEmpty else { return nil }
        let popped = listPopElements(ctx, key, list, from: request.fromFirstSide ? .left : .right, count: request.count)
        ctx.propagateInstead([[ByteString(request.fromFirstSide ? "LPOP" : "RPOP"), key, ByteString(Int64(popped.count))]])
        return .array([.bulk(key), .array(popped.map { .bulk($0) })])
    }

    /// ZMPOP's pop from `key`: `[key, [[member, score]...]]`, replicated as ZPOPMIN/ZPOPMAX with
    /// the count it popped; nil when the key holds no sorted set; WRONGTYPE for another type.
    static func sortedSetMultiPop(_ ctx: CommandContext, _ key: ByteString, _ request: MultiPopRequest) throws(RedisError) -> RESPValue? {
        guard let zset = try ctx.lookupSortedSet(key), !zset.isEmpty else { return nil }
        let max = !request.fromFirstSide
        let popped = sortedSetPop(ctx, key, zset, max: max, count: request.count)
        ctx.propagateInstead([[ByteString(max ? "ZPOPMAX" : "ZPOPMIN"), key, ByteString(Int64(popped.count))]])
        return .array([.bulk(key), .array(popped.map { .array([.bulk($0.member), .double($0.score)]) })])
    }
}

/// `numkeys key [key ...] <side> [COUNT count]` of the multi-pop commands (after BLMPOP's and
/// BZMPOP's timeout), checked in Redis's order: numkeys, the side, COUNT, and only then (by the
/// caller) the timeout.
struct MultiPopRequest: Sendable {
    let keys: [ByteString]
    /// LEFT (lists) or MIN (sorted sets).
    let fromFirstSide: Bool
    /// COUNT, 1 when absent.
    let count: Int

    init(_ ctx: CommandContext, numkeysAt numkeysIndex: Int, sides: (first: StaticString, second: StaticString)) throws(RedisError) {
        let numkeys = try ctx.integer(at: numkeysIndex, in: 1...Int64.max, message: RedisError.numkeysNotPositive.message)
        guard numkeys < Int64(ctx.count - numkeysIndex - 1) else { throw RedisError.syntax }
        let sideIndex = numkeysIndex + 1 + Int(numkeys)
        if ctx.word(at: sideIndex, is: sides.first) {
            fromFirstSide = true
        } else if ctx.word(at: sideIndex, is: sides.second) {
            fromFirstSide = false
        } else {
            throw RedisError.syntax
        }
        var count: Int64 = -1
        var j = sideIndex + 1
        while j < ctx.count {
            guard count == -1, ctx.word(at: j, is: "count"), j + 1 < ctx.count else { throw RedisError.syntax }
            count = try ctx.integer(at: j + 1, in: 1...Int64.max, message: RedisError.countNotPositive.message)
            j += 2
        }
        self.count = Int(clamping: Swift.max(count, 1))
        keys = Array(ctx.args[(numkeysIndex + 1)..<sideIndex])
    }
}
