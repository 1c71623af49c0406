import RESP

extension CommandTable {
    static let setCommands: [CommandSpec] = setMemberCommands + setAlgebraCommands

    static let setMemberCommands: [CommandSpec] = [
        CommandSpec("sadd", arity: -3, flags: ["write", "denyoom", "fast"], keys: .single, categories: ["@write", "@set", "@fast"]) { ctx in
            let set: SetValue
            if let existing = try ctx.lookupSet(ctx[1]) {
                set = existing
            } else {
                set = SetValue()
                ctx.setKey(ctx[1], .set(set))
            }
            var added: Int64 = 0
            // By index rather than over a slice of the arguments, which retains them.
            for i in 2..<ctx.count where set.insert(ctx[i], maxIntsetEntries: ctx.maxIntsetEntries) { added += 1 }
            if added > 0 {
                ctx.signalModified(ctx[1])
                ctx.notify(.set, "sadd", ctx[1])
            }
            return .integer(added)
        },
        CommandSpec("srem", arity: -3, flags: ["write", "fast"], keys: .single, categories: ["@write", "@set", "@fast"]) { ctx in
            guard let set = try ctx.lookupSet(ctx[1]) else { return .integer(0) }
            return ctx.removeArguments(.set, event: "srem", isEmpty: { set.isEmpty }, remove: set.remove)
        },
        CommandSpec("smembers", arity: 2, flags: ["readonly"], keys: .single, categories: ["@read", "@set", "@slow"]) { ctx in
            .set((try ctx.lookupSet(ctx[1])?.members ?? []).map { .bulk($0) })
        },
        CommandSpec("sismember", arity: 3, flags: ["readonly", "fast"], keys: .single, categories: ["@read", "@set", "@fast"]) { ctx in
            .integer(try ctx.lookupSet(ctx[1])?.contains(ctx[2]) == true ? 1 : 0)
        },
        CommandSpec("smismember", arity: -3, flags: ["readonly", "fast"], keys: .single, categories: ["@read", "@set", "@fast"]) { ctx in
            let set = try ctx.lookupSet(ctx[1])
            return .array(ctx.args[2...].map { .integer(set?.contains($0) == true ? 1 : 0) })
        },
        CommandSpec("scard", arity: 2, flags: ["readonly", "fast"], keys: .single, categories: ["@read", "@set", "@fast"]) { ctx in
            .integer(Int64(try ctx.lookupSet(ctx[1])?.count ?? 0))
        },
        CommandSpec("spop", arity: -2, flags: ["write", "fast"], keys: .single, categories: ["@write", "@set", "@fast"]) { ctx in
            try setPop(ctx)
        },
        CommandSpec("srandmember", arity: -2, flags: ["readonly"], keys: .single, categories: ["@read", "@set", "@slow"]) { ctx in
            guard ctx.count >= 3 else {
                guard let set = try ctx.lookupSet(ctx[1]), !set.isEmpty else { return .nullBulkString }
                return .bulk(set.member(at: Int.random(in: 0..<set.count)))
            }
            let count = try randomCount(ctx, option: nil)
            guard let set = try ctx.lookupSet(ctx[1]) else { return .array([]) }
            return .array(RandomSample.positions(size: set.count, count: count).map { .bulk(set.member(at: $0)) })
        },
        CommandSpec("smove", arity: 4, flags: ["write", "fast"], keys: KeyPositions(first: 1, last: 2, step: 1), categories: ["@write", "@set", "@fast"]) { ctx in
            let sourceKey = ctx[1], destinationKey = ctx[2], member = ctx[3]
            let sourceValue = ctx.lookup(sourceKey), destinationValue = ctx.lookup(destinationKey)
            guard let sourceValue else { return .integer(0) }
            guard case .set(let source) = sourceValue else { throw RedisError.wrongType }
            var destination: SetValue?
            if let destinationValue {
                guard case .set(let existing) = destinationValue else { throw RedisError.wrongType }
                destination = existing
            }
            if destination === source { return .integer(source.contains(member) ? 1 : 0) }
            guard source.remove(member) else { return .integer(0) }
            ctx.notify(.set, "srem", sourceKey)
            if source.isEmpty {
                ctx.deleteKey(sourceKey)
                ctx.notify(.generic, "del", sourceKey)
            }
            let target: SetValue
            if let destination {
                target = destination
            } else {
                target = SetValue()
                ctx.setKey(destinationKey, .set(target))
            }
            ctx.signalModified(sourceKey)
            if target.insert(member, maxIntsetEntries: ctx.maxIntsetEntries) {
                ctx.signalModified(destinationKey)
                ctx.notify(.set, "sadd", destinationKey)
            }
            return .integer(1)
        },
        CommandSpec("sscan", arity: -3, flags: ["readonly"], keys: .single, categories: ["@read", "@set", "@slow"]) { ctx in
            let cursor = try CollectionScan.cursor(ctx[2])
            guard let set = try ctx.lookupSet(ctx[1]) else { return emptyScan }
            let options = try CollectionScan.options(ctx, from: 3)
            if set.isIntset { return CollectionScan.wholePage(set.members.map { ($0, [$0]) }, options: options) }
            return CollectionScan.page(set.scanOrder(), cursor: cursor, options: options) { [$0] }
        },
    ]

    /// SPOP key [count], following Redis 7.0's three strategies, which decide what is left
    /// behind and so the set's encoding afterwards.
    static func setPop(_ ctx: CommandContext) throws(RedisError) -> RESPValue {
        let key = ctx[1]
        guard ctx.count <= 3 else { throw RedisError.syntax }
        guard ctx.count == 3 else {
            guard let set = try ctx.lookupSet(key) else { return .nullBulkString }
            let member = set.member(at: Int.random(in: 0..<set.count))
            set.remove(member)
            ctx.notify(.set, "spop", key)
            ctx.deleteIfEmpty(key, set.isEmpty)
            ctx.signalModified(key)
            // A replica must remove the same member, not a random one of its own.
            ctx.propagateInstead([[ByteString("SREM"), key, member]])
            return .bulk(member)
        }
        let count = try ctx.positiveInteger(at: 2)
        guard let set = try ctx.lookupSet(key) else { return .set([]) }
        if count == 0 { return .set([]) }
        let size = Int64(set.count)
        ctx.notify(.set, "spop", key)
        if count >= size {
            let all = set.members
            ctx.deleteKey(key)
            ctx.notify(.generic, "del", key)
            ctx.propagateInstead([[ByteString("DEL"), key]])
            return .set(all.map { .bulk($0) })
        }
        let remaining = size - count
        var popped: [ByteString] = []
        if remaining * 5 > count {
            for _ in 0..<count {
                let member = set.member(at: Int.random(in: 0..<set.count))
                set.remove(member)
                popped.append(member)
            }
        } else {
            let kept = SetValue()
            for _ in 0..<remaining {
                let member = set.member(at: Int.random(in: 0..<set.count))
                set.remove(member)
                kept.insert(member, maxIntsetEntries: ctx.maxIntsetEntries)
            }
            popped = set.members
            ctx.overwriteValue(key, .set(kept))
        }
        ctx.signalModified(key)
        ctx.propagateInstead(popped.map { [ByteString("SREM"), key, $0] })
        return .set(popped.map { .bulk($0) })
    }
}
