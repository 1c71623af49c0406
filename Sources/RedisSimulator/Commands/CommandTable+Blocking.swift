import RESP

/// BLPOP BRPOP BLMOVE BRPOPLPUSH BZPOPMIN BZPOPMAX: serve at once when they can, else block
/// until another client's write lets them (see `BlockingRegistry`) or the timeout passes.
extension CommandTable {
    static let blockingCommands: [CommandSpec] = [
        CommandSpec("blpop", arity: -3, flags: ["write", "noscript", "blocking"], keys: KeyPositions(first: 1, last: -2, step: 1), categories: ["@write", "@list", "@slow", "@blocking"]) { ctx in
            try blockingPop(ctx, fromLeft: true)
        },
        CommandSpec("brpop", arity: -3, flags: ["write", "noscript", "blocking"], keys: KeyPositions(first: 1, last: -2, step: 1), categories: ["@write", "@list", "@slow", "@blocking"]) { ctx in
            try blockingPop(ctx, fromLeft: false)
        },
        CommandSpec("blmove", arity: 6, flags: ["write", "denyoom", "noscript", "blocking"], keys: KeyPositions(first: 1, last: 2, step: 1), categories: ["@write", "@list", "@slow", "@blocking"]) { ctx in
            guard let fromLeft = side(ctx[3]), let toLeft = side(ctx[4]) else { throw RedisError.syntax }
            return try blockingMove(ctx, fromLeft: fromLeft, toLeft: toLeft, timeoutAt: 5)
        },
        CommandSpec("brpoplpush", arity: 4, flags: ["write", "denyoom", "noscript", "blocking"], keys: KeyPositions(first: 1, last: 2, step: 1), categories: ["@write", "@list", "@slow", "@blocking"]) { ctx in
            try blockingMove(ctx, fromLeft: false, toLeft: true, timeoutAt: 3)
        },
        CommandSpec("bzpopmin", arity: -3, flags: ["write", "noscript", "blocking", "fast"], keys: KeyPositions(first: 1, last: -2, step: 1), categories: ["@write", "@sortedset", "@fast", "@blocking"]) { ctx in
            try blockingZPop(ctx, max: false)
        },
        CommandSpec("bzpopmax", arity: -3, flags: ["write", "noscript", "blocking", "fast"], keys: KeyPositions(first: 1, last: -2, step: 1), categories: ["@write", "@sortedset", "@fast", "@blocking"]) { ctx in
            try blockingZPop(ctx, max: true)
        },
    ]

    /// A blocking timeout in seconds (a float), as milliseconds (Redis's
    /// getTimeoutFromObjectOrReply): read as a C `long double`, times 1000, rounded up.
    static func timeoutSeconds(_ text: ByteString) throws(RedisError) -> Int64 {
        guard let seconds = text.longDoubleValue else { throw RedisError("ERR timeout is not a float or out of range") }
        let milliseconds = (seconds * 1000).rounded(.up)
        // Redis converts with a C cast, which on x86 turns anything past Int64 (inf, 1e308,
        // 2^63 ms) into Int64.min, and so answers "timeout is negative" for those too.
        guard milliseconds >= 0, milliseconds < 0x1p63 else { throw RedisError.negativeTimeout }
        return Int64(milliseconds)
    }

    private static func side(_ word: ByteString) -> Bool? {
        if word.matchesOption("LEFT") { return true }
        if word.matchesOption("RIGHT") { return false }
        return nil
    }

    /// Pops one element of the list at `key`, with its events, and propagates it as LPOP/RPOP
    /// (Redis replicates a served BLPOP as the pop it did); nil when the key holds no list.
    private static func pop(_ ctx: CommandContext, _ key: ByteString, fromLeft: Bool) -> ByteString? {
        guard case .list(let list)? = ctx.lookup(key), !list.isEmpty else { return nil }
        let end: ListEnd = fromLeft ? .left : .right
        guard let value = listPopElement(ctx, key, list, from: end) else { return nil }
        ctx.propagateInstead([[ByteString(fromLeft ? "LPOP" : "RPOP"), key]])
        return value
    }

    private static func blockingPop(_ ctx: CommandContext, fromLeft: Bool) throws(RedisError) -> RESPValue {
        let timeout = try timeoutSeconds(ctx[ctx.count - 1])
        let keys = Array(ctx.args[1..<(ctx.count - 1)])
        for key in keys {
            if let list = try ctx.lookupList(key), !list.isEmpty, let value = pop(ctx, key, fromLeft: fromLeft) {
                return .array([.bulk(key), .bulk(value)])
            }
        }
        return ctx.block(on: keys, timeoutMilliseconds: timeout, timeoutReply: .nullArray) { retry, key in
            pop(retry, key, fromLeft: fromLeft).map { .array([.bulk(key), .bulk($0)]) }
        }
    }

    /// BLMOVE and BRPOPLPUSH: an LMOVE/RPOPLPUSH when the source has an element (and replicated
    /// as one), else a wait for it.
    private static func blockingMove(_ ctx: CommandContext, fromLeft: Bool, toLeft: Bool, timeoutAt index: Int) throws(RedisError) -> RESPValue {
        let timeout = try timeoutSeconds(ctx[index])
        let source = ctx[1], destination = ctx[2]
        let from: ListEnd = fromLeft ? .left : .right, to: ListEnd = toLeft ? .left : .right
        // Served at once, Redis replicates the sides as the client wrote them; served later, as
        // its own lowercase words.
        @Sendable func propagated(_ sides: (ByteString, ByteString)) -> [ByteString] {
            index == 3 ? ["RPOPLPUSH", source, destination] : ["LMOVE", source, destination, sides.0, sides.1]
        }
        @Sendable func move(_ ctx: CommandContext, _ sides: (ByteString, ByteString)) throws(RedisError) -> RESPValue? {
            guard let reply = try listMove(ctx, source, destination, from: from, to: to) else { return nil }
            ctx.propagateInstead([propagated(sides)])
            return reply
        }
        if let reply = try move(ctx, index == 3 ? ("", "") : (ctx[3], ctx[4])) { return reply }
        // Redis times a blocked move out with a null array, but answers a null bulk string when
        // it may not block (MULTI, scripts).
        return ctx.block(
            on: [source], timeoutMilliseconds: timeout, timeoutReply: .nullArray, immediateReply: .nullBulkString
        ) { retry, _ throws(RedisError) in
            // A source that stopped being a list keeps the client waiting, as in Redis.
            guard case .list? = retry.lookup(source) else { return nil }
            return try move(retry, (ByteString(fromLeft ? "left" : "right"), ByteString(toLeft ? "left" : "right")))
        }
    }

    private static func blockingZPop(_ ctx: CommandContext, max: Bool) throws(RedisError) -> RESPValue {
        let timeout = try timeoutSeconds(ctx[ctx.count - 1])
        let keys = Array(ctx.args[1..<(ctx.count - 1)])
        @Sendable func zpop(_ ctx: CommandContext, _ key: ByteString) throws(RedisError) -> RESPValue? {
            let set: SortedSetValue
            switch ctx.lookup(key) {
            case nil: return nil
            case .zset(let found)?: set = found
            default: throw .wrongType
            }
            guard let chosen = set.popExtreme(max: max) else { return nil }
            ctx.propagateInstead([[ByteString(max ? "ZPOPMAX" : "ZPOPMIN"), key]])
            ctx.notify(.zset, max ? "zpopmax" : "zpopmin", key)
            if set.isEmpty {
                ctx.deleteKey(key)
                ctx.notify(.generic, "del", key)
            } else {
                ctx.signalModified(key)
            }
            return .array([.bulk(key), .bulk(chosen.member), .double(chosen.score)])
        }
        for key in keys {
            if let reply = try zpop(ctx, key) { return reply }
        }
        return ctx.block(on: keys, timeoutMilliseconds: timeout, timeoutReply: .nullArray) { retry, key throws(RedisError) in
            guard case .zset? = retry.lookup(key) else { return nil }
            return try zpop(retry, key)
        }
    }
}
