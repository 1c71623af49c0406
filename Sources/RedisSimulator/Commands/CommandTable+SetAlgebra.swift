import RESP

extension CommandTable {
    static let setAlgebraCommands: [CommandSpec] = [
        CommandSpec("sinter", arity: -2, flags: ["readonly"], keys: .all, categories: ["@read", "@set", "@slow"]) { ctx in
            .set(try setIntersection(ctx, Array(ctx.args[1...]), limit: 0).members.map { .bulk($0) })
        },
        CommandSpec("sinterstore", arity: -3, flags: ["write", "denyoom"], keys: .all, categories: ["@write", "@set", "@slow"]) { ctx in
            try storeSet(ctx, try setIntersection(ctx, Array(ctx.args[2...]), limit: 0), event: "sinterstore")
        },
        CommandSpec("sintercard", arity: -3, flags: ["readonly", "movablekeys"], keys: .none, categories: ["@read", "@set", "@slow"]) { ctx in
            let numkeys = try ctx.integer(at: 1, in: 1...Int64.max, message: RedisError.numkeysNotPositive.message)
            guard numkeys <= Int64(ctx.count - 2) else {
                throw RedisError.moreKeysThanArguments
            }
            var limit: Int64 = 0
            var j = 2 + Int(numkeys)
            while j < ctx.count {
                guard ctx.word(at: j, is: "limit"), j + 1 < ctx.count else { throw RedisError.syntax }
                limit = try ctx.positiveInteger(at: j + 1, message: RedisError.negativeLimit.message)
                j += 2
            }
            let keys = Array(ctx.args[2..<(2 + Int(numkeys))])
            return .integer(Int64(try setIntersection(ctx, keys, limit: Int(clamping: limit)).count))
        },
        CommandSpec("sunion", arity: -2, flags: ["readonly"], keys: .all, categories: ["@read", "@set", "@slow"]) { ctx in
            .set(try setUnionOrDifference(ctx, Array(ctx.args[1...]), difference: false).members.map { .bulk($0) })
        },
        CommandSpec("sunionstore", arity: -3, flags: ["write", "denyoom"], keys: .all, categories: ["@write", "@set", "@slow"]) { ctx in
            try storeSet(ctx, try setUnionOrDifference(ctx, Array(ctx.args[2...]), difference: false), event: "sunionstore")
        },
        CommandSpec("sdiff", arity: -2, flags: ["readonly"], keys: .all, categories: ["@read", "@set", "@slow"]) { ctx in
            .set(try setUnionOrDifference(ctx, Array(ctx.args[1...]), difference: true).members.map { .bulk($0) })
        },
        CommandSpec("sdiffstore", arity: -3, flags: ["write", "denyoom"], keys: .all, categories: ["@write", "@set", "@slow"]) { ctx in
            try storeSet(ctx, try setUnionOrDifference(ctx, Array(ctx.args[2...]), difference: true), event: "sdiffstore")
        },
    ]

    /// The sets at `keys` (nil for missing keys), WRONGTYPE at the first key of another type.
    static func setOperands(_ ctx: CommandContext, _ keys: [ByteString]) throws(RedisError) -> [SetValue?] {
        var sets: [SetValue?] = []
        for key in keys { sets.append(try ctx.lookupSet(key)) }
        return sets
    }

    /// The intersection, built as Redis builds it (an intset while it can be); with a `limit`,
    /// counting stops there (SINTERCARD).
    static func setIntersection(_ ctx: CommandContext, _ keys: [ByteString], limit: Int) throws(RedisError) -> SetValue {
        let operands = try setOperands(ctx, keys)
        let result = SetValue()
        let sets = operands.compactMap { $0 }
        guard sets.count == operands.count else { return result }
        let ordered = sets.sorted { $0.count < $1.count }
        for member in ordered[0].members where ordered.dropFirst().allSatisfy({ $0.contains(member) }) {
            result.insert(member, maxIntsetEntries: ctx.maxIntsetEntries)
            if limit > 0, result.count >= limit { break }
        }
        return result
    }

    /// The union, or the difference of the first set minus the others.
    static func setUnionOrDifference(_ ctx: CommandContext, _ keys: [ByteString], difference: Bool) throws(RedisError) -> SetValue {
        let operands = try setOperands(ctx, keys)
        let result = SetValue()
        if difference {
            guard let first = operands[0] else { return result }
            let others = operands.dropFirst().compactMap { $0 }
            if others.contains(where: { $0 === first }) { return result }
            for member in first.members where !others.contains(where: { $0.contains(member) }) {
                result.insert(member, maxIntsetEntries: ctx.maxIntsetEntries)
            }
        } else {
            for set in operands.compactMap({ $0 }) {
                for member in set.members { result.insert(member, maxIntsetEntries: ctx.maxIntsetEntries) }
            }
        }
        return result
    }

    /// Stores a computed set at `ctx[1]`, or deletes the destination when it is empty.
    static func storeSet(_ ctx: CommandContext, _ result: SetValue, event: String) throws(RedisError) -> RESPValue {
        let destination = ctx[1]
        if result.isEmpty {
            if ctx.deleteKey(destination) { ctx.notify(.generic, "del", destination) }
            return .integer(0)
        }
        ctx.setKey(destination, .set(result))
        ctx.notify(.set, event, destination)
        return .integer(Int64(result.count))
    }
}
