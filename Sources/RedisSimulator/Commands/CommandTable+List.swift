import RESP

extension CommandTable {
    static let listCommands: [CommandSpec] = listPushPopCommands + listIndexCommands + listMoveCommands

    static let listPushPopCommands: [CommandSpec] = [
        CommandSpec("lpush", arity: -3, flags: ["write", "denyoom", "fast"], keys: .single, categories: ["@write", "@list", "@fast"]) { ctx in
            try listPush(ctx, at: .left, onlyIfExists: false)
        },
        CommandSpec("rpush", arity: -3, flags: ["write", "denyoom", "fast"], keys: .single, categories: ["@write", "@list", "@fast"]) { ctx in
            try listPush(ctx, at: .right, onlyIfExists: false)
        },
        CommandSpec("lpushx", arity: -3, flags: ["write", "denyoom", "fast"], keys: .single, categories: ["@write", "@list", "@fast"]) { ctx in
            try listPush(ctx, at: .left, onlyIfExists: true)
        },
        CommandSpec("rpushx", arity: -3, flags: ["write", "denyoom", "fast"], keys: .single, categories: ["@write", "@list", "@fast"]) { ctx in
            try listPush(ctx, at: .right, onlyIfExists: true)
        },
        CommandSpec("lpop", arity: -2, flags: ["write", "fast"], keys: .single, categories: ["@write", "@list", "@fast"]) { ctx in
            try listPop(ctx, from: .left)
        },
        CommandSpec("rpop", arity: -2, flags: ["write", "fast"], keys: .single, categories: ["@write", "@list", "@fast"]) { ctx in
            try listPop(ctx, from: .right)
        },
        CommandSpec("llen", arity: 2, flags: ["readonly", "fast"], keys: .single, categories: ["@read", "@list", "@fast"]) { ctx in
            .integer(Int64(try ctx.lookupList(ctx[1])?.count ?? 0))
        },
        CommandSpec("lmpop", arity: -4, flags: ["write", "movablekeys"], keys: .none, categories: ["@write", "@list", "@slow"]) { ctx in
            let request = try MultiPopRequest(ctx, numkeysAt: 1, sides: ("left", "right"))
            for key in request.keys {
                if let reply = try listMultiPop(ctx, key, request) { return reply }
            }
            return .nullArray
        },
    ]

    /// LPUSH, RPUSH, LPUSHX, RPUSHX.
    static func listPush(_ ctx: CommandContext, at end: ListEnd, onlyIfExists: Bool) throws(RedisError) -> RESPValue {
        let key = ctx[1]
        var list = try ctx.lookupList(key)
        if list == nil {
            if onlyIfExists { return .integer(0) }
            let created = ListValue()
            ctx.setKey(key, .list(created))
            list = created
        }
        guard let list else { return .integer(0) }
        for element in ctx.args[2...] { list.push(element, at: end) }
        ctx.signalModified(key)
        ctx.notify(.list, end == .left ? "lpush" : "rpush", key)
        return .integer(Int64(list.count))
    }

    /// LPOP and RPOP, with and without a count.
    static func listPop(_ ctx: CommandContext, from end: ListEnd) throws(RedisError) -> RESPValue {
        guard ctx.count <= 3 else { throw RedisError.arity(ctx.spec.name) }
        let hasCount = ctx.count == 3
        let count = hasCount ? try ctx.positiveInteger(at: 2) : 0
        guard let list = try ctx.lookupList(ctx[1]) else { return hasCount ? .nullArray : .nullBulkString }
        guard hasCount else { return .bulkOrNull(listPopElement(ctx, ctx[1], list, from: end)) }
        if count == 0 { return .array([]) }
        return .array(listPopElements(ctx, ctx[1], list, from: end, count: Int(clamping: count)).map { .bulk($0) })
    }

    /// Pops up to `count` elements with the events Redis fires (Redis's listElementsRemoved).
    static func listPopElements(_ ctx: CommandContext, _ key: ByteString, _ list: ListValue, from end: ListEnd, count: Int) -> [ByteString] {
        let popped = list.pop(from: end, count: count)
        listElementsRemoved(ctx, key, list, from: end)
        return popped
    }

    /// Pops one element with the events Redis fires; nil when the list is empty. LPOP and RPOP
    /// without a count take this way, with no array of one built and freed for each.
    static func listPopElement(_ ctx: CommandContext, _ key: ByteString, _ list: ListValue, from end: ListEnd) -> ByteString? {
        guard let element = list.pop(from: end) else { return nil }
        listElementsRemoved(ctx, key, list, from: end)
        return element
    }

    /// What follows elements leaving a list: the pop event, then the key deleted (with its
    /// `del` event) once empty, else marked modified (Redis's listElementsRemoved).
    static func listElementsRemoved(_ ctx: CommandContext, _ key: ByteString, _ list: ListValue, from end: ListEnd) {
        ctx.notify(.list, end == .left ? "lpop" : "rpop", key)
        if list.isEmpty {
            ctx.deleteKey(key)
            ctx.notify(.generic, "del", key)
        } else {
            ctx.signalModified(key)
        }
    }

    /// LEFT or RIGHT, any case; a syntax error otherwise.
    static func listEnd(_ ctx: CommandContext, _ index: Int) throws(RedisError) -> ListEnd {
        if ctx.word(at: index, is: "left") { return .left }
        if ctx.word(at: index, is: "right") { return .right }
        throw RedisError.syntax
    }
}
