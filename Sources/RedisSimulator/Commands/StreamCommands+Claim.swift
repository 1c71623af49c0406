import RESP

/// XPENDING, XCLAIM and XAUTOCLAIM.
extension CommandTable {
    static let streamClaimCommands: [CommandSpec] = [
        CommandSpec("xpending", arity: -3, flags: ["readonly"], keys: .single, categories: ["@read", "@stream", "@slow"]) { ctx in
            try xpending(ctx)
        },
        CommandSpec("xclaim", arity: -6, flags: ["write", "fast"], keys: .single, categories: ["@write", "@stream", "@fast"]) { ctx in
            try xclaim(ctx)
        },
        CommandSpec("xautoclaim", arity: -6, flags: ["write", "fast"], keys: .single, categories: ["@write", "@stream", "@fast"]) { ctx in
            try xautoclaim(ctx)
        },
    ]

    private static func noGroup(_ ctx: CommandContext) -> RedisError {
        RedisError("NOGROUP No such key '\(ctx[1].errorText)' or consumer group '\(ctx[2].errorText)'")
    }

    private static func xpending(_ ctx: CommandContext) throws(RedisError) -> RESPValue {
        guard ctx.count == 3 || (6...9).contains(ctx.count) else { throw RedisError.syntax }
        var minIdle: Int64 = 0, count: Int64 = 0
        var start = StreamID.zero, end = StreamID.max
        var consumerName: ByteString?
        if ctx.count >= 6 {
            var at = 3
            if ctx[3].matchesOption("IDLE") {
                minIdle = try ctx.integer(at: 4)
                guard ctx.count >= 8 else { throw RedisError.syntax }
                at += 2
            }
            count = max(0, try ctx.integer(at: at + 2))
            start = try ctx.intervalID(at: at, isStart: true)
            end = try ctx.intervalID(at: at + 1, isStart: false)
            if at + 3 < ctx.count { consumerName = ctx[at + 3] }
        }
        guard let stream = try ctx.lookupStream(ctx[1]), let group = stream.groups[ctx[2]] else { throw noGroup(ctx) }
        if ctx.count == 3 {
            guard let first = group.pending.first, let last = group.pending.last else {
                return .array([.integer(0), .nullBulkString, .nullBulkString, .nullArray])
            }
            let owners = group.sortedConsumers.filter { $0.pending.count > 0 }.map {
                RESPValue.array([.bulk($0.name), .bulk(String($0.pending.count))])
            }
            return .array([.integer(Int64(group.pending.count)), .streamID(first), .streamID(last), .array(owners)])
        }
        var pel = group.pending
        if let consumerName {
            guard let consumer = group.consumers[consumerName] else { return .array([]) }
            pel = consumer.pending
        }
        var result: [RESPValue] = []
        for id in pel.ids(from: start) {
            if count == 0 || id > end { break }
            guard let entry = pel[id] else { continue }
            if minIdle > 0 && ctx.now - entry.deliveryTime < minIdle { continue }
            count -= 1
            result.append(.array([
                .streamID(id), .bulk(entry.consumer?.name ?? ""), .integer(max(0, ctx.now - entry.deliveryTime)),
                .integer(entry.deliveryCount),
            ]))
        }
        return .array(result)
    }

    private static func xclaim(_ ctx: CommandContext) throws(RedisError) -> RESPValue {
        guard let stream = try ctx.lookupStream(ctx[1]), let group = stream.groups[ctx[2]] else {
            throw noGroup(ctx)
        }
        let minIdle = max(0, try ctx.integer(at: 4, orError: "Invalid min-idle-time argument for XCLAIM"))
        var ids: [StreamID] = []
        var j = 5
        while j < ctx.count, let parsed = StreamID.parse(ctx[j], strict: true) {
            ids.append(parsed.id)
            j += 1
        }
        var force = false, justID = false
        var deliveryTime: Int64 = -1, retryCount: Int64 = -1
        var lastID = StreamID.zero
        while j < ctx.count {
            let more = ctx.count - 1 - j
            let option = ctx[j]
            if option.matchesOption("FORCE") {
                force = true
            } else if option.matchesOption("JUSTID") {
                justID = true
            } else if option.matchesOption("IDLE"), more > 0 {
                j += 1
                let idle = try ctx.integer(at: j, orError: "Invalid IDLE option argument for XCLAIM")
                // Redis subtracts unchecked; a time past Int64 is out of range, so "now" below.
                let (time, overflow) = ctx.now.subtractingReportingOverflow(idle)
                deliveryTime = overflow ? -1 : time
            } else if option.matchesOption("TIME"), more > 0 {
                j += 1
                deliveryTime = try ctx.integer(at: j, orError: "Invalid TIME option argument for XCLAIM")
            } else if option.matchesOption("RETRYCOUNT"), more > 0 {
                j += 1
                retryCount = try ctx.integer(at: j, orError: "Invalid RETRYCOUNT option argument for XCLAIM")
            } else if option.matchesOption("LASTID"), more > 0 {
                j += 1
                lastID = try ctx.streamID(at: j, strict: true)
            } else {
                throw RedisError("ERR Unrecognized XCLAIM option '\(option.errorText)'")
            }
            j += 1
        }
        // Replicas get each change as an XCLAIM that recreates the pending entry exactly, and a
        // LASTID that moved the group alone as XGROUP SETID (Redis's streamPropagateXCLAIM).
        ctx.propagateInstead([])
        var propagateLastID = false
        if lastID > group.lastID {
            group.lastID = lastID
            propagateLastID = true
        }
        if deliveryTime == -1 || deliveryTime < 0 || deliveryTime > ctx.now { deliveryTime = ctx.now }

        var consumer: StreamConsumer?
        var result: [RESPValue] = []
        for id in ids {
            var pending = group.pending[id]
            guard let entry = stream.log.entry(id) else {
                // Entries deleted meanwhile leave the PEL.
                if let pending {
                    ctx.propagateClaim(key: ctx[1], group: group, consumer: pending.consumer?.name ?? "", id: id, pending)
                    propagateLastID = false
                }
                _ = group.acknowledge(id)
                continue
            }
            if force && pending == nil {
                let created = PendingEntry(consumer: nil, deliveryTime: ctx.now)
                group.pending.insert(id, created)
                pending = created
            }
            guard let pending else { continue }
            if pending.consumer != nil && minIdle > 0 && ctx.now - pending.deliveryTime < minIdle { continue }
            let owner = consumer ?? ctx.streamConsumer(ctx[3], in: group, key: ctx[1])
            consumer = owner
            pending.deliveryTime = deliveryTime
            if retryCount >= 0 {
                pending.deliveryCount = retryCount
            } else if !justID {
                pending.deliveryCount += 1
            }
            group.assign(id, pending, to: owner)
            result.append(justID ? .streamID(id) : entry.reply)
            ctx.propagateClaim(key: ctx[1], group: group, consumer: owner.name, id: id, pending)
            propagateLastID = false
        }
        if propagateLastID { ctx.propagateGroupPosition(key: ctx[1], group: group) }
        return .array(result)
    }

    private static func xautoclaim(_ ctx: CommandContext) throws(RedisError) -> RESPValue {
        let minIdle = max(0, try ctx.integer(at: 4, orError: "Invalid min-idle-time argument for XAUTOCLAIM"))
        let start = try ctx.intervalID(at: 5, isStart: true)
        var count: Int64 = 100
        var justID = false
        var j = 6
        while j < ctx.count {
            let more = ctx.count - 1 - j
            if ctx[j].matchesOption("COUNT"), more > 0 {
                guard let value = ctx[j + 1].int64Value, value >= 1, value <= Int64.max / 16 else {
                    throw RedisError.countOptionNotPositive
                }
                count = value
                j += 1
            } else if ctx[j].matchesOption("JUSTID") {
                justID = true
            } else {
                throw RedisError.syntax
            }
            j += 1
        }
        guard let stream = try ctx.lookupStream(ctx[1]), let group = stream.groups[ctx[2]] else { throw noGroup(ctx) }
        ctx.propagateInstead([])
        var attempts = count * 10
        var consumer: StreamConsumer?
        var claimed: [RESPValue] = []
        var deleted: [RESPValue] = []
        let candidates = Array(group.pending.ids(from: start).prefix(Int(clamping: attempts)))
        var index = 0
        while attempts > 0 && count > 0 && index < candidates.count {
            attempts -= 1
            let id = candidates[index]
            index += 1
            guard let pending = group.pending[id] else { continue }
            guard let entry = stream.log.entry(id) else {
                ctx.propagateClaim(key: ctx[1], group: group, consumer: pending.consumer?.name ?? "", id: id, pending)
                _ = group.acknowledge(id)
                deleted.append(.streamID(id))
                count -= 1
                continue
            }
            if minIdle > 0 && ctx.now - pending.deliveryTime < minIdle { continue }
            let owner = consumer ?? ctx.streamConsumer(ctx[3], in: group, key: ctx[1])
            consumer = owner
            pending.deliveryTime = ctx.now
            if !justID { pending.deliveryCount += 1 }
            group.assign(id, pending, to: owner)
            claimed.append(justID ? .streamID(id) : entry.reply)
            ctx.propagateClaim(key: ctx[1], group: group, consumer: owner.name, id: id, pending)
            count -= 1
        }
        let nextID = nextCursor(group, start: start, visited: index, deletedCount: deleted.count) ?? .zero
        return .array([.streamID(nextID), .array(claimed), .array(deleted)])
    }

    /// The id XAUTOCLAIM's scan would look at next: the first pending id after the ones visited.
    private static func nextCursor(_ group: StreamConsumerGroup, start: StreamID, visited: Int, deletedCount: Int) -> StreamID? {
        // Deleted entries left the PEL, so the remaining visited ones are `visited - deletedCount`.
        group.pending.ids(from: start).dropFirst(visited - deletedCount).first
    }
}
