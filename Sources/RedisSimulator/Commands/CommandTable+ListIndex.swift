import RESP

extension CommandTable {
    static let listIndexCommands: [CommandSpec] = [
        CommandSpec("lrange", arity: 4, flags: ["readonly"], keys: .single, categories: ["@read", "@list", "@slow"]) { ctx in
            let start = try ctx.integer(at: 2), stop = try ctx.integer(at: 3)
            guard let list = try ctx.lookupList(ctx[1]) else { return .array([]) }
            guard let range = listRange(start, stop, count: list.count) else { return .array([]) }
            return .array(list.elements(in: range).map { .bulk($0) })
        },
        CommandSpec("lindex", arity: 3, flags: ["readonly"], keys: .single, categories: ["@read", "@list", "@slow"]) { ctx in
            guard let list = try ctx.lookupList(ctx[1]) else { return .nullBulkString }
            let index = try ctx.integer(at: 2)
            return .bulkOrNull(list.element(at: Int(index)))
        },
        CommandSpec("lset", arity: 4, flags: ["write", "denyoom"], keys: .single, categories: ["@write", "@list", "@slow"]) { ctx in
            guard let list = try ctx.lookupList(ctx[1]) else { throw RedisError.noSuchKey }
            let index = try ctx.integer(at: 2)
            let resolved = index < 0 ? Int64(list.count) + index : index
            guard resolved >= 0, resolved < Int64(list.count) else { throw RedisError("ERR index out of range") }
            list.replace(at: Int(resolved), with: ctx[3])
            ctx.signalModified(ctx[1])
            ctx.notify(.list, "lset", ctx[1])
            return .ok
        },
        CommandSpec("linsert", arity: 5, flags: ["write", "denyoom"], keys: .single, categories: ["@write", "@list", "@slow"]) { ctx in
            let after: Bool
            if ctx.word(at: 2, is: "after") { after = true } else if ctx.word(at: 2, is: "before") { after = false } else { throw RedisError.syntax }
            guard let list = try ctx.lookupList(ctx[1]) else { return .integer(0) }
            guard let pivot = list.firstIndex(of: ctx[3]) else { return .integer(-1) }
            list.insert(ctx[4], at: after ? pivot + 1 : pivot)
            ctx.signalModified(ctx[1])
            ctx.notify(.list, "linsert", ctx[1])
            return .integer(Int64(list.count))
        },
        CommandSpec("lrem", arity: 4, flags: ["write"], keys: .single, categories: ["@write", "@list", "@slow"]) { ctx in
            let count = try ctx.integer(at: 2)
            guard let list = try ctx.lookupList(ctx[1]) else { return .integer(0) }
            let target = ctx[3]
            let limit = count == 0 ? Int.max : Int(clamping: count.magnitude)
            let removed = list.remove(target, limit: limit, fromTail: count < 0)
            if removed > 0 {
                ctx.signalModified(ctx[1])
                ctx.notify(.list, "lrem", ctx[1])
                ctx.deleteIfEmpty(ctx[1], list.isEmpty)
            }
            return .integer(Int64(removed))
        },
        CommandSpec("ltrim", arity: 4, flags: ["write"], keys: .single, categories: ["@write", "@list", "@slow"]) { ctx in
            let start = try ctx.integer(at: 2), stop = try ctx.integer(at: 3)
            guard let list = try ctx.lookupList(ctx[1]) else { return .ok }
            list.trim(to: listRange(start, stop, count: list.count))
            ctx.notify(.list, "ltrim", ctx[1])
            if list.isEmpty {
                ctx.deleteKey(ctx[1])
                ctx.notify(.generic, "del", ctx[1])
            } else {
                ctx.signalModified(ctx[1])
            }
            return .ok
        },
        CommandSpec("lpos", arity: -3, flags: ["readonly"], keys: .single, categories: ["@read", "@list", "@slow"]) { ctx in
            try listPosition(ctx)
        },
    ]

    /// The index range LRANGE and LTRIM select, negative indices from the tail; nil when empty.
    static func listRange(_ start: Int64, _ stop: Int64, count: Int) -> Range<Int>? {
        let length = Int64(count)
        var start = start < 0 ? length + start : start
        var stop = stop < 0 ? length + stop : stop
        if start < 0 { start = 0 }
        guard start <= stop, start < length else { return nil }
        if stop >= length { stop = length - 1 }
        return Int(start)..<Int(stop + 1)
    }

    /// LPOS key element [RANK rank] [COUNT num] [MAXLEN len].
    static func listPosition(_ ctx: CommandContext) throws(RedisError) -> RESPValue {
        var rank: Int64 = 1, count: Int64 = -1, maxlen: Int64 = 0
        var j = 3
        while j < ctx.count {
            let more = j + 1 < ctx.count
            if ctx.word(at: j, is: "rank"), more {
                rank = try ctx.integer(at: j + 1)
                guard rank != 0 else {
                    throw RedisError("ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list")
                }
            } else if ctx.word(at: j, is: "count"), more {
                count = try ctx.positiveInteger(at: j + 1, message: "ERR COUNT can't be negative")
            } else if ctx.word(at: j, is: "maxlen"), more {
                maxlen = try ctx.positiveInteger(at: j + 1, message: "ERR MAXLEN can't be negative")
            } else {
                throw RedisError.syntax
            }
            j += 2
        }
        let fromTail = rank < 0
        // Redis negates the rank in a C long: LONG_MIN stays negative, so every match qualifies
        // and `matches - rank + 1` overflows, which lets COUNT never stop the walk.
        let wraps = rank == Int64.min
        let skip = wraps ? 1 : rank.magnitude
        guard let list = try ctx.lookupList(ctx[1]) else { return count != -1 ? .array([]) : .nullBulkString }
        let element = ctx[2]
        var matches: UInt64 = 0
        var found: [RESPValue] = []
        var scanned: Int64 = 0
        list.forEach(fromTail: fromTail) { index, candidate in
            if maxlen != 0, scanned >= maxlen { return false }
            scanned += 1
            guard candidate == element else { return true }
            matches += 1
            guard matches >= skip else { return true }
            found.append(.integer(Int64(index)))
            if count == -1 { return false }
            if count != 0, !wraps, Int64(found.count) >= count { return false }
            return true
        }
        if count != -1 { return .array(found) }
        return found.first ?? .nullBulkString
    }
}
