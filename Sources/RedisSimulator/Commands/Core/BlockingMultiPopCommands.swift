import RESP

/// BLMPOP and BZMPOP (Redis 7.0): LMPOP and ZMPOP that wait for the first of their keys to
/// get elements when none has any.
extension CommandTable {
    static let blockingMultiPopCommands: [CommandSpec] = [
        CommandSpec("blmpop", arity: -5, flags: ["write", "blocking", "movablekeys"], keys: .none,
                    categories: ["@write", "@list", "@slow", "@blocking"]) { ctx in
            let request = try MultiPopRequest(ctx, sides: ("left", "right"))
            let end: ListEnd = request.fromFirstSide ? .left : .right
            let count = request.count
            @Sendable func pop(_ ctx: CommandContext, _ key: ByteString) throws(RedisError) -> RESPValue? {
                guard let list = try ctx.lookupList(key), !list.isEmpty else { return nil }
                let popped = listPopElements(ctx, key, list, from: end, count: count)
                return .array([.bulk(key), .array(popped.map { .bulk($0) })])
            }
            let timeout = try timeoutSeconds(ctx[1])
            for key in request.keys {
                if let reply = try pop(ctx, key) { return reply }
            }
            return ctx.block(on: request.keys, timeoutMilliseconds: timeout, timeoutReply: .nullArray) { retry, key throws(RedisError) in
                try pop(retry, key)
            }
        },
        CommandSpec("bzmpop", arity: -5, flags: ["write", "blocking", "movablekeys"], keys: .none,
                    categories: ["@write", "@sortedset", "@slow", "@blocking"]) { ctx in
            let request = try MultiPopRequest(ctx, sides: ("min", "max"))
            let max = !request.fromFirstSide
            let count = request.count
            @Sendable func pop(_ ctx: CommandContext, _ key: ByteString) throws(RedisError) -> RESPValue? {
                guard let zset = try ctx.lookupSortedSet(key), !zset.isEmpty else { return nil }
                let popped = sortedSetPop(ctx, key, zset, max: max, count: count)
                return .array([.bulk(key), .array(popped.map { .array([.bulk($0.member), .double($0.score)]) })])
            }
            let timeout = try timeoutSeconds(ctx[1])
            for key in request.keys {
                if let reply = try pop(ctx, key) { return reply }
            }
            return ctx.block(on: request.keys, timeoutMilliseconds: timeout, timeoutReply: .nullArray) { retry, key throws(RedisError) in
                try pop(retry, key)
            }
        },
    ]
}

/// `timeout numkeys key [key ...] <side> [COUNT count]`, checked in Redis's order: numkeys,
/// the side, COUNT, and only then (by the caller) the timeout.
private struct MultiPopRequest {
    let keys: [ByteString]
    let fromFirstSide: Bool
    let count: Int

    init(_ ctx: CommandContext, sides: (first: StaticString, second: StaticString)) throws(RedisError) {
        let numkeys = try ctx.integer(at: 2, in: 1...Int64.max, message: RedisError.numkeysNotPositive.message)
        guard numkeys < Int64(ctx.count - 3) else { throw RedisError.syntax }
        let sideIndex = 3 + Int(numkeys)
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
        keys = Array(ctx.args[3..<sideIndex])
    }
}
