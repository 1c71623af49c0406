import RESP

extension CommandTable {
    static let listMoveCommands: [CommandSpec] = [
        CommandSpec("lmove", arity: 5, flags: ["write", "denyoom"], keys: KeyPositions(first: 1, last: 2, step: 1), categories: ["@write", "@list", "@slow"]) { ctx in
            let from = try listEnd(ctx, 3), to = try listEnd(ctx, 4)
            return try listMove(ctx, from: from, to: to)
        },
        CommandSpec("rpoplpush", arity: 3, flags: ["write", "denyoom"], keys: KeyPositions(first: 1, last: 2, step: 1), categories: ["@write", "@list", "@slow"]) { ctx in
            try listMove(ctx, from: .right, to: .left)
        },
    ]

    /// LMOVE and RPOPLPUSH: pops from `ctx[1]`'s `from` end, pushes at `ctx[2]`'s `to` end, with
    /// Redis's order of checks and events (the push event before the pop event).
    static func listMove(_ ctx: CommandContext, from: ListEnd, to: ListEnd) throws(RedisError) -> RESPValue {
        let source = ctx[1], destination = ctx[2]
        guard let sourceList = try ctx.lookupList(source), !sourceList.isEmpty else { return .nullBulkString }
        let existing = try ctx.lookupList(destination)
        guard let value = sourceList.pop(from: from) else { return .nullBulkString }
        let destinationList: ListValue
        if let existing {
            destinationList = existing
        } else {
            destinationList = ListValue()
            ctx.setKey(destination, .list(destinationList))
        }
        destinationList.push(value, at: to)
        ctx.signalModified(destination)
        ctx.notify(.list, to == .left ? "lpush" : "rpush", destination)
        ctx.notify(.list, from == .left ? "lpop" : "rpop", source)
        if sourceList.isEmpty {
            ctx.deleteKey(source)
            ctx.notify(.generic, "del", source)
        } else {
            ctx.signalModified(source)
        }
        return .bulk(value)
    }
}
