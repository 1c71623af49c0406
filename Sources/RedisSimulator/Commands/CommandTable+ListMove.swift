import RESP

extension CommandTable {
    static let listMoveCommands: [CommandSpec] = [
        CommandSpec("lmove", arity: 5, flags: ["write", "denyoom"], keys: KeyPositions(first: 1, last: 2, step: 1), categories: ["@write", "@list", "@slow"]) { ctx in
            let from = try listEnd(ctx, 3), to = try listEnd(ctx, 4)
            return try listMove(ctx, ctx[1], ctx[2], from: from, to: to) ?? .nullBulkString
        },
        CommandSpec("rpoplpush", arity: 3, flags: ["write", "denyoom"], keys: KeyPositions(first: 1, last: 2, step: 1), categories: ["@write", "@list", "@slow"]) { ctx in
            try listMove(ctx, ctx[1], ctx[2], from: .right, to: .left) ?? .nullBulkString
        },
    ]

    /// LMOVE and RPOPLPUSH (and BLMOVE, BRPOPLPUSH once served): pops from `source`'s `from` end,
    /// pushes at `destination`'s `to` end, with Redis's order of checks and events (the push event
    /// before the pop event, the source deleted only after the push, so a list moved onto itself
    /// survives); nil when `source` has no element.
    static func listMove(
        _ ctx: CommandContext, _ source: ByteString, _ destination: ByteString, from: ListEnd, to: ListEnd
    ) throws(RedisError) -> RESPValue? {
        guard let sourceList = try ctx.lookupList(source), !sourceList.isEmpty else { return nil }
        let existing = try ctx.lookupList(destination)
        guard let value = sourceList.pop(from: from) else { return nil }
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
        listElementsRemoved(ctx, source, sourceList, from: from)
        return .bulk(value)
    }
}
