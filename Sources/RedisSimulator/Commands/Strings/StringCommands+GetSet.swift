import RESP

extension CommandTable {
    static let stringGetSetCommands: [CommandSpec] = [
        CommandSpec("get", arity: 2, flags: ["readonly", "fast"], keys: .single, categories: ["@read", "@string", "@fast"]) { ctx in
            .bulkOrNull(try ctx.lookupString(ctx[1]))
        },
        CommandSpec("set", arity: -3, flags: ["write", "denyoom"], keys: .single, categories: ["@write", "@string", "@slow"]) { ctx in
            // A plain SET has no options to parse.
            let options = ctx.count == 3 ? StringSetOptions() : try StringSetOptions(ctx, from: 3, command: .set)
            return try set(ctx, key: ctx[1], value: ctx[2], options)
        },
        CommandSpec("setnx", arity: 3, flags: ["write", "denyoom", "fast"], keys: .single, categories: ["@write", "@string", "@fast"]) { ctx in
            guard !ctx.exists(ctx[1]) else { return .integer(0) }
            ctx.setKey(ctx[1], .string(ctx[2]))
            ctx.notify(.string, "set", ctx[1])
            return .integer(1)
        },
        CommandSpec("setex", arity: 4, flags: ["write", "denyoom"], keys: .single, categories: ["@write", "@string", "@slow"]) { ctx in
            var options = StringSetOptions()
            options.expire = try StringSetOptions.expireTime(ctx, ctx[2], milliseconds: false, absolute: false)
            return try set(ctx, key: ctx[1], value: ctx[3], options)
        },
        CommandSpec("psetex", arity: 4, flags: ["write", "denyoom"], keys: .single, categories: ["@write", "@string", "@slow"]) { ctx in
            var options = StringSetOptions()
            options.expire = try StringSetOptions.expireTime(ctx, ctx[2], milliseconds: true, absolute: false)
            return try set(ctx, key: ctx[1], value: ctx[3], options)
        },
        CommandSpec("getset", arity: 3, flags: ["write", "denyoom", "fast"], keys: .single, categories: ["@write", "@string", "@fast"]) { ctx in
            let old = try ctx.lookupString(ctx[1])
            ctx.setKey(ctx[1], .string(ctx[2]))
            ctx.notify(.string, "set", ctx[1])
            ctx.propagateInstead([[ByteString("SET"), ctx[1], ctx[2]]])
            return .bulkOrNull(old)
        },
        CommandSpec("getdel", arity: 2, flags: ["write", "fast"], keys: .single, categories: ["@write", "@string", "@fast"]) { ctx in
            guard let old = try ctx.lookupString(ctx[1]) else { return .nullBulkString }
            ctx.deleteKey(ctx[1])
            ctx.notify(.generic, "del", ctx[1])
            ctx.propagateInstead([[ByteString("DEL"), ctx[1]]])
            return .bulk(old)
        },
        CommandSpec("getex", arity: -2, flags: ["write", "fast"], keys: .single, categories: ["@write", "@string", "@fast"]) { ctx in
            var options = try StringSetOptions(ctx, from: 2, command: .getex)
            // Redis checks the key before the expire time: a missing key answers nil whatever it is.
            guard let value = try ctx.lookupString(ctx[1]) else { return .nullBulkString }
            try options.readExpireTime(ctx)
            if let when = options.expire {
                if when <= ctx.now {
                    ctx.deleteKey(ctx[1])
                    ctx.notify(.generic, "del", ctx[1])
                    ctx.propagateInstead([[ByteString("DEL"), ctx[1]]])
                } else {
                    ctx.setExpire(ctx[1], at: when)
                    ctx.notify(.generic, "expire", ctx[1])
                    ctx.propagateInstead([[ByteString("PEXPIREAT"), ctx[1], ByteString(when)]])
                }
            } else if options.persist, ctx.removeExpire(ctx[1]) {
                ctx.notify(.generic, "persist", ctx[1])
                ctx.propagateInstead([[ByteString("PERSIST"), ctx[1]]])
            }
            return .bulk(value)
        },
        CommandSpec("mget", arity: -2, flags: ["readonly", "fast"], keys: .all, categories: ["@read", "@string", "@fast"]) { ctx in
            .array(ctx.args.dropFirst().map { key in
                if case .string(let s)? = ctx.lookup(key) { return .bulk(s) }
                return .nullBulkString
            })
        },
        CommandSpec("mset", arity: -3, flags: ["write", "denyoom"], keys: KeyPositions(first: 1, last: -1, step: 2),
                    categories: ["@write", "@string", "@slow"]) { ctx in
            guard ctx.count % 2 == 1 else { throw RedisError.arity("mset") }
            for i in stride(from: 1, to: ctx.count, by: 2) {
                ctx.setKey(ctx[i], .string(ctx[i + 1]))
                ctx.notify(.string, "set", ctx[i])
            }
            return .ok
        },
        CommandSpec("msetnx", arity: -3, flags: ["write", "denyoom"], keys: KeyPositions(first: 1, last: -1, step: 2),
                    categories: ["@write", "@string", "@slow"]) { ctx in
            guard ctx.count % 2 == 1 else { throw RedisError.arity("msetnx") }
            for i in stride(from: 1, to: ctx.count, by: 2) where ctx.exists(ctx[i]) { return .integer(0) }
            for i in stride(from: 1, to: ctx.count, by: 2) {
                ctx.setKey(ctx[i], .string(ctx[i + 1]))
                ctx.notify(.string, "set", ctx[i])
            }
            return .integer(1)
        },
    ]

    /// Redis 7.0's setGenericCommand: GET's reply first, then the NX/XX condition, then the write.
    static func set(_ ctx: CommandContext, key: ByteString, value: ByteString, _ options: StringSetOptions) throws(RedisError) -> RESPValue {
        var old: ByteString?
        if options.get { old = try ctx.lookupString(key) }
        // Redis looks the key up even for a plain SET, which expires it first (an `expired`
        // event); with no TTL in the database that lookup has no effect, so it is skipped.
        if options.nx || options.xx || ctx.db.expiresCount > 0 {
            let found = ctx.exists(key)
            if (options.nx && found) || (options.xx && !found) {
                return options.get ? .bulkOrNull(old) : .nullBulkString
            }
        }
        ctx.setKey(key, .string(value), keepTTL: options.keepTTL)
        ctx.notify(.string, "set", key)
        if let when = options.expire {
            ctx.setExpire(key, at: when)
            ctx.notify(.generic, "expire", key)
            // Relative or absolute, the replicas get the absolute time (SETEX and PSETEX too).
            ctx.propagateInstead([[ByteString("SET"), key, value, ByteString("PXAT"), ByteString(when)]])
        } else if options.get {
            // The replicas need no reply: Redis drops every GET word (from the fourth on).
            ctx.propagateInstead([ctx.args.enumerated().filter { $0.offset < 3 || !$0.element.matchesOption("GET") }.map(\.element)])
        }
        return options.get ? .bulkOrNull(old) : .ok
    }
}

/// The options of SET and GETEX, parsed as Redis 7.0's parseExtendedStringArgumentsOrReply.
struct StringSetOptions {
    enum Command { case set, getex }

    var nx = false, xx = false, get = false, keepTTL = false, persist = false
    /// The absolute expiry time in Unix ms.
    var expire: Int64?

    init() {}

    init(_ ctx: CommandContext, from first: Int, command: Command) throws(RedisError) {
        var expireArgument: (value: ByteString, milliseconds: Bool, absolute: Bool)?
        var i = first
        while i < ctx.count {
            let option = ctx[i].uppercasedString
            let hasNext = i + 1 < ctx.count
            switch option {
            case "NX" where command == .set && !xx: nx = true
            case "XX" where command == .set && !nx: xx = true
            case "GET" where command == .set: get = true
            case "KEEPTTL" where command == .set && expireArgument == nil: keepTTL = true
            case "PERSIST" where command == .getex && expireArgument == nil: persist = true
            case "EX" where !keepTTL && !persist && expireArgument == nil && hasNext,
                 "PX" where !keepTTL && !persist && expireArgument == nil && hasNext,
                 "EXAT" where !keepTTL && !persist && expireArgument == nil && hasNext,
                 "PXAT" where !keepTTL && !persist && expireArgument == nil && hasNext:
                expireArgument = (ctx[i + 1], option.hasPrefix("P"), option.hasSuffix("AT"))
                i += 1
            default:
                throw .syntax
            }
            i += 1
        }
        expireText = expireArgument
        // SET reads its expire time at once; GETEX only once it knows the key holds a string.
        if command == .set { try readExpireTime(ctx) }
    }

    /// The EX/PX/EXAT/PXAT argument as given, until `readExpireTime` turns it into `expire`.
    private var expireText: (value: ByteString, milliseconds: Bool, absolute: Bool)?

    /// Reads the expire time argument into `expire`, or throws Redis's error for it.
    mutating func readExpireTime(_ ctx: CommandContext) throws(RedisError) {
        guard let argument = expireText else { return }
        expire = try Self.expireTime(ctx, argument.value, milliseconds: argument.milliseconds, absolute: argument.absolute)
    }

    /// Redis's getExpireMillisecondsOrReply: a positive integer, converted to absolute Unix ms.
    static func expireTime(_ ctx: CommandContext, _ text: ByteString, milliseconds: Bool, absolute: Bool) throws(RedisError) -> Int64 {
        guard var value = text.int64Value else { throw .notInteger }
        let invalid = RedisError.invalidExpireTime(in: ctx.spec.name)
        guard value > 0, milliseconds || value <= Int64.max / 1000 else { throw invalid }
        if !milliseconds { value *= 1000 }
        if !absolute {
            guard value <= Int64.max - ctx.now else { throw invalid }
            value += ctx.now
        }
        return value
    }
}
