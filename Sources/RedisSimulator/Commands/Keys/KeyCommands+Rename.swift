import RESP

extension CommandTable {
    static let keyRenameCommands: [CommandSpec] = [
        CommandSpec("rename", arity: 3, flags: ["write"], keys: KeyPositions(first: 1, last: 2, step: 1),
                    categories: ["@keyspace", "@write", "@slow"]) { ctx in
            try rename(ctx, onlyIfAbsent: false)
        },
        CommandSpec("renamenx", arity: 3, flags: ["write", "fast"], keys: KeyPositions(first: 1, last: 2, step: 1),
                    categories: ["@keyspace", "@write", "@fast"]) { ctx in
            try rename(ctx, onlyIfAbsent: true)
        },
        CommandSpec("copy", arity: -3, flags: ["write", "denyoom"], keys: KeyPositions(first: 1, last: 2, step: 1),
                    categories: ["@keyspace", "@write", "@slow"], handler: copy),
    ]

    /// RENAME and RENAMENX (Redis's renameGenericCommand): the TTL moves with the value.
    static func rename(_ ctx: CommandContext, onlyIfAbsent: Bool) throws(RedisError) -> RESPValue {
        let source = ctx[1], target = ctx[2]
        guard let value = ctx.peek(source) else { throw .noSuchKey }
        if source == target { return onlyIfAbsent ? .integer(0) : .ok }
        let expire = ctx.expireTime(source)
        if ctx.exists(target) {
            if onlyIfAbsent { return .integer(0) }
            ctx.deleteKey(target)
        }
        ctx.deleteKey(source)
        ctx.setKey(target, value)
        if let expire { ctx.setExpire(target, at: expire) }
        ctx.notify(.generic, "rename_from", source)
        ctx.notify(.generic, "rename_to", target)
        return onlyIfAbsent ? .integer(1) : .ok
    }

    /// COPY source destination [DB index] [REPLACE].
    @Sendable static func copy(_ ctx: CommandContext) throws -> RESPValue {
        var targetIndex = ctx.db.index
        var replace = false
        var i = 3
        while i < ctx.count {
            let option = ctx[i].uppercasedString
            if option == "REPLACE" {
                replace = true
            } else if option == "DB", i + 1 < ctx.count {
                let index = try ctx.int32(at: i + 1)
                guard index >= 0, index < ctx.databaseCount else { throw RedisError.dbIndexOutOfRange }
                targetIndex = Int(index)
                i += 1
            } else {
                throw RedisError.syntax
            }
            i += 1
        }
        let source = ctx[1], target = ctx[2]
        if targetIndex == ctx.db.index && source == target {
            throw RedisError.sameSourceAndDestination
        }
        guard let value = ctx.peek(source) else { return .integer(0) }
        let expire = ctx.expireTime(source)
        let targetContext = ctx.switchingDatabase(to: targetIndex)
        if targetContext.exists(target) {
            guard replace else { return .integer(0) }
            targetContext.deleteKey(target)
        }
        targetContext.setKey(target, value.clone())
        if let expire { targetContext.setExpire(target, at: expire) }
        targetContext.notify(.generic, "copy_to", target)
        return .integer(1)
    }
}
