import RESP

extension CommandTable {
    /// The three sorted-set algebra operations.
    enum SortedSetOperation { case union, intersection, difference }

    /// How ZUNION/ZINTER combine the scores of a member present in several inputs.
    enum ScoreAggregate { case sum, min, max }

    static let sortedSetAlgebraCommands: [CommandSpec] = [
        CommandSpec("zunionstore", arity: -4, flags: ["write", "denyoom", "movablekeys"], keys: .single, categories: ["@write", "@sortedset", "@slow"]) { ctx in
            try sortedSetAlgebra(ctx, .union, numkeysIndex: 2, destination: ctx[1])
        },
        CommandSpec("zinterstore", arity: -4, flags: ["write", "denyoom", "movablekeys"], keys: .single, categories: ["@write", "@sortedset", "@slow"]) { ctx in
            try sortedSetAlgebra(ctx, .intersection, numkeysIndex: 2, destination: ctx[1])
        },
        CommandSpec("zdiffstore", arity: -4, flags: ["write", "denyoom", "movablekeys"], keys: .single, categories: ["@write", "@sortedset", "@slow"]) { ctx in
            try sortedSetAlgebra(ctx, .difference, numkeysIndex: 2, destination: ctx[1])
        },
        CommandSpec("zunion", arity: -3, flags: ["readonly", "movablekeys"], keys: .none, categories: ["@read", "@sortedset", "@slow"]) { ctx in
            try sortedSetAlgebra(ctx, .union, numkeysIndex: 1, destination: nil)
        },
        CommandSpec("zinter", arity: -3, flags: ["readonly", "movablekeys"], keys: .none, categories: ["@read", "@sortedset", "@slow"]) { ctx in
            try sortedSetAlgebra(ctx, .intersection, numkeysIndex: 1, destination: nil)
        },
        CommandSpec("zdiff", arity: -3, flags: ["readonly", "movablekeys"], keys: .none, categories: ["@read", "@sortedset", "@slow"]) { ctx in
            try sortedSetAlgebra(ctx, .difference, numkeysIndex: 1, destination: nil)
        },
        CommandSpec("zintercard", arity: -3, flags: ["readonly", "movablekeys"], keys: .none, categories: ["@read", "@sortedset", "@slow"]) { ctx in
            try sortedSetAlgebra(ctx, .intersection, numkeysIndex: 1, destination: nil, cardinalityOnly: true)
        },
    ]

    /// One input of the algebra: a sorted set, or a plain set whose members all score 1.
    struct AlgebraInput {
        var zset: SortedSetValue?
        var set: SetValue?
        var weight = 1.0

        var count: Int { zset?.count ?? set?.count ?? 0 }

        func score(of member: ByteString) -> Double? {
            if let zset { return zset.score(of: member) }
            return set?.contains(member) == true ? 1.0 : nil
        }

        var elements: [(member: ByteString, score: Double)] {
            if let zset { return zset.all }
            return (set?.members ?? []).map { ($0, 1.0) }
        }
    }

    /// Redis's zunionInterDiffGenericCommand: arguments checked in Redis's order, then the result
    /// stored, counted, or answered sorted by (score, member).
    static func sortedSetAlgebra(
        _ ctx: CommandContext, _ operation: SortedSetOperation, numkeysIndex: Int, destination: ByteString?,
        cardinalityOnly: Bool = false
    ) throws(RedisError) -> RESPValue {
        let numkeys = try ctx.integer(at: numkeysIndex)
        guard numkeys >= 1 else { throw RedisError("ERR at least 1 input key is needed for '\(ctx.spec.name)' command") }
        guard numkeys <= Int64(ctx.count - numkeysIndex - 1) else { throw RedisError.syntax }
        let setnum = Int(numkeys)
        var inputs: [AlgebraInput] = []
        for key in ctx.args[(numkeysIndex + 1)...(numkeysIndex + setnum)] {
            switch ctx.lookup(key) {
            case nil: inputs.append(AlgebraInput())
            case .zset(let zset)?: inputs.append(AlgebraInput(zset: zset))
            case .set(let set)?: inputs.append(AlgebraInput(set: set))
            default: throw RedisError.wrongType
            }
        }
        var aggregate = ScoreAggregate.sum
        var withScores = false
        var limit = 0
        var j = numkeysIndex + setnum + 1
        while j < ctx.count {
            let remaining = ctx.count - j
            if operation != .difference, !cardinalityOnly, remaining >= setnum + 1, ctx.word(at: j, is: "weights") {
                for i in 0..<setnum { inputs[i].weight = try ctx.double(at: j + 1 + i, message: "ERR weight value is not a float") }
                j += setnum + 1
            } else if operation != .difference, !cardinalityOnly, remaining >= 2, ctx.word(at: j, is: "aggregate") {
                if ctx.word(at: j + 1, is: "sum") { aggregate = .sum }
                else if ctx.word(at: j + 1, is: "min") { aggregate = .min }
                else if ctx.word(at: j + 1, is: "max") { aggregate = .max }
                else { throw RedisError.syntax }
                j += 2
            } else if destination == nil, !cardinalityOnly, ctx.word(at: j, is: "withscores") {
                withScores = true
                j += 1
            } else if cardinalityOnly, remaining >= 2, ctx.word(at: j, is: "limit") {
                limit = Int(clamping: try ctx.positiveInteger(at: j + 1, message: RedisError.negativeLimit.message))
                j += 2
            } else {
                throw RedisError.syntax
            }
        }

        if cardinalityOnly {
            let ordered = inputs.sorted { $0.count < $1.count }
            guard ordered[0].count > 0 else { return .integer(0) }
            var cardinality = 0
            for (member, _) in ordered[0].elements where ordered.dropFirst().allSatisfy({ $0.score(of: member) != nil }) {
                cardinality += 1
                if limit > 0, cardinality >= limit { break }
            }
            return .integer(Int64(cardinality))
        }

        let result = combine(inputs, operation, aggregate)
        if let destination {
            let event = operation == .union ? "zunionstore" : operation == .intersection ? "zinterstore" : "zdiffstore"
            return storeSortedSet(ctx, destination, result, event: event)
        }
        return sortedSetReply(result, withScores: withScores, nested: ctx.resp3, resp3: ctx.resp3)
    }

    /// The combined members, sorted by (score, member).
    static func combine(
        _ inputs: [AlgebraInput], _ operation: SortedSetOperation, _ aggregate: ScoreAggregate
    ) -> [(member: ByteString, score: Double)] {
        var scores: [ByteString: Double] = [:]
        switch operation {
        case .difference:
            for (member, score) in inputs[0].elements
            where !inputs.dropFirst().contains(where: { $0.score(of: member) != nil }) {
                scores[member] = score
            }
        case .intersection:
            // Smallest first, as Redis orders them: floating-point sums then add up the same way.
            let ordered = inputs.sorted { $0.count < $1.count }
            guard ordered[0].count > 0 else { return [] }
            outer: for (member, score) in ordered[0].elements {
                var total = weighted(score, ordered[0].weight)
                for other in ordered.dropFirst() {
                    guard let otherScore = other.score(of: member) else { continue outer }
                    total = combined(total, weighted(otherScore, other.weight), aggregate)
                }
                scores[member] = total
            }
        case .union:
            for input in inputs.sorted(by: { $0.count < $1.count }) {
                for (member, score) in input.elements {
                    let value = weighted(score, input.weight)
                    scores[member] = scores[member].map { combined($0, value, aggregate) } ?? value
                }
            }
        }
        return scores.map { (member: $0.key, score: $0.value) }
            .sorted { CountedBTree.precedes($0.score, $0.member, $1.score, $1.member) }
    }

    /// A score times its weight; NaN (0 × inf) counts as 0, as in Redis.
    static func weighted(_ score: Double, _ weight: Double) -> Double {
        let value = score * weight
        return value.isNaN ? 0 : value
    }

    /// Redis's zunionInterAggregate: inf + -inf sums to 0.
    static func combined(_ current: Double, _ value: Double, _ aggregate: ScoreAggregate) -> Double {
        switch aggregate {
        case .sum:
            let sum = current + value
            return sum.isNaN ? 0 : sum
        case .min: return Swift.min(current, value)
        case .max: return Swift.max(current, value)
        }
    }
}
