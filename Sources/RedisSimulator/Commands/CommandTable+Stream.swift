import RESP

extension CommandTable {
    static let streamCommands: [CommandSpec] = streamWriteCommands + streamReadCommands + streamGroupCommands
        + streamClaimCommands + streamInfoCommands

    private static let streamWriteCommands: [CommandSpec] = [
        CommandSpec("xadd", arity: -5, flags: ["write", "denyoom", "fast"], keys: .single, categories: ["@write", "@stream", "@fast"]) { ctx in
            try xadd(ctx)
        },
        CommandSpec("xtrim", arity: -4, flags: ["write"], keys: .single, categories: ["@write", "@stream", "@slow"]) { ctx in
            let options = try StreamTrimOptions.parse(ctx, xadd: false)
            guard let stream = try ctx.lookupStream(ctx[1]) else { return .integer(0) }
            let removed = options.apply(to: stream)
            if removed > 0 {
                ctx.signalModified(ctx[1])
                ctx.notify(.stream, "xtrim", ctx[1])
            }
            return .integer(Int64(removed))
        },
        CommandSpec("xdel", arity: -3, flags: ["write", "fast"], keys: .single, categories: ["@write", "@stream", "@fast"]) { ctx in
            guard let stream = try ctx.lookupStream(ctx[1]) else { return .integer(0) }
            var ids: [StreamID] = []
            for i in 2..<ctx.count { ids.append(try ctx.streamID(at: i, strict: true)) }
            let deleted = ids.filter { stream.delete($0) }.count
            if deleted > 0 {
                ctx.signalModified(ctx[1])
                ctx.notify(.stream, "xdel", ctx[1])
            }
            return .integer(Int64(deleted))
        },
        CommandSpec("xsetid", arity: -3, flags: ["write", "denyoom", "fast"], keys: .single, categories: ["@write", "@stream", "@fast"]) { ctx in
            let id = try ctx.streamID(at: 2, strict: true)
            var entriesAdded: Int64 = -1
            var maxDeleted = StreamID.zero
            var i = 3
            while i < ctx.count {
                let more = ctx.count - 1 - i
                if ctx[i].matchesOption("ENTRIESADDED"), more > 0 {
                    entriesAdded = try ctx.integer(at: i + 1)
                    guard entriesAdded >= 0 else { throw RedisError("ERR entries_added must be positive") }
                } else if ctx[i].matchesOption("MAXDELETEDID"), more > 0 {
                    maxDeleted = try ctx.streamID(at: i + 1, strict: true)
                    guard id >= maxDeleted else {
                        throw RedisError("ERR The ID specified in XSETID is smaller than the provided max_deleted_entry_id")
                    }
                } else {
                    throw RedisError.syntax
                }
                i += 2
            }
            guard let stream = try ctx.lookupStream(ctx[1]) else { throw RedisError.noSuchKey }
            if let top = stream.log.lastID {
                if id < top {
                    throw RedisError("ERR The ID specified in XSETID is smaller than the target stream top item")
                }
                if entriesAdded != -1, stream.count > entriesAdded {
                    throw RedisError("ERR The entries_added specified in XSETID is smaller than the target stream length")
                }
            }
            stream.lastID = id
            if entriesAdded != -1 { stream.entriesAdded = UInt64(entriesAdded) }
            if maxDeleted != .zero { stream.maxDeletedID = maxDeleted }
            ctx.signalModified(ctx[1])
            ctx.notify(.stream, "xsetid", ctx[1])
            return .ok
        },
    ]

    private static let streamReadCommands: [CommandSpec] = [
        CommandSpec("xlen", arity: 2, flags: ["readonly", "fast"], keys: .single, categories: ["@read", "@stream", "@fast"]) { ctx in
            .integer(Int64(try ctx.lookupStream(ctx[1])?.count ?? 0))
        },
        CommandSpec("xrange", arity: -4, flags: ["readonly"], keys: .single, categories: ["@read", "@stream", "@slow"]) { ctx in
            try xrange(ctx, reverse: false)
        },
        CommandSpec("xrevrange", arity: -4, flags: ["readonly"], keys: .single, categories: ["@read", "@stream", "@slow"]) { ctx in
            try xrange(ctx, reverse: true)
        },
        CommandSpec(
            "xread", arity: -4, flags: ["readonly", "blocking", "movablekeys"], keys: .none,
            categories: ["@read", "@stream", "@slow", "@blocking"]
        ) { ctx in try xread(ctx, group: false) },
        CommandSpec(
            "xreadgroup", arity: -7, flags: ["write", "blocking", "movablekeys"], keys: .none,
            categories: ["@write", "@stream", "@slow", "@blocking"]
        ) { ctx in try xread(ctx, group: true) },
    ]

    private static func xadd(_ ctx: CommandContext) throws(RedisError) -> RESPValue {
        let options = try StreamTrimOptions.parse(ctx, xadd: true)
        let fieldStart = options.idIndex + 1
        guard ctx.count - fieldStart >= 2, (ctx.count - fieldStart) % 2 == 0 else { throw RedisError.arity("xadd") }
        if let requested = options.id, !options.autoSeq, requested == .zero {
            throw RedisError("ERR The ID specified in XADD must be greater than 0-0")
        }
        let stream: StreamValue
        if let existing = try ctx.lookupStream(ctx[1]) {
            stream = existing
        } else {
            if options.noMakeStream { return .nullBulkString }
            stream = StreamValue()
            ctx.setKey(ctx[1], .stream(stream))
        }
        if stream.lastID == .max {
            throw RedisError("ERR The stream has exhausted the last possible ID, unable to add more items")
        }
        guard let id = stream.append(
            fields: ctx.args[fieldStart...], requested: options.id, autoSeq: options.autoSeq, now: ctx.now,
            nodeCapacity: ctx.server.config.streamNodeCapacity)
        else {
            throw RedisError("ERR The ID specified in XADD is equal or smaller than the target stream top item")
        }
        ctx.signalModified(ctx[1])
        ctx.notify(.stream, "xadd", ctx[1])
        if options.strategy != nil, options.apply(to: stream) > 0 {
            ctx.notify(.stream, "xtrim", ctx[1])
        }
        return .streamID(id)
    }

    private static func xrange(_ ctx: CommandContext, reverse: Bool) throws(RedisError) -> RESPValue {
        let start = try ctx.intervalID(at: reverse ? 3 : 2, isStart: true)
        let end = try ctx.intervalID(at: reverse ? 2 : 3, isStart: false)
        var count: Int64 = -1
        var i = 4
        while i < ctx.count {
            guard ctx[i].matchesOption("COUNT"), i + 1 < ctx.count else { throw RedisError.syntax }
            count = max(0, try ctx.integer(at: i + 1))
            i += 2
        }
        guard let stream = try ctx.lookupStream(ctx[1]) else { return .array([]) }
        if count == 0 { return .nullArray }
        let entries = stream.log.range(start, end, reverse: reverse, limit: count < 0 ? 0 : Int(clamping: count))
        return .array(entries.map(\.reply))
    }
}
