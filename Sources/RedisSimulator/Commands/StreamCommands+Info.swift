import RESP

/// XINFO STREAM / GROUPS / CONSUMERS, with the fields Redis 7.0 reports.
extension CommandTable {
    static let streamInfoCommands: [CommandSpec] = [
        CommandSpec("xinfo", arity: -2, flags: [], categories: ["@slow"], subcommands: [
            CommandSpec("xinfo|stream", arity: -3, flags: ["readonly"], keys: KeyPositions(first: 2, last: 2, step: 1), categories: ["@read", "@stream", "@slow"]) { ctx in
                try xinfoStream(ctx)
            },
            CommandSpec("xinfo|groups", arity: 3, flags: ["readonly"], keys: KeyPositions(first: 2, last: 2, step: 1), categories: ["@read", "@stream", "@slow"]) { ctx in
                guard let stream = try ctx.lookupStream(ctx[2]) else { throw RedisError.noSuchKey }
                return .array(stream.sortedGroups.map { group in
                    .map([
                        .bulk("name"), .bulk(group.name),
                        .bulk("consumers"), .integer(Int64(group.consumers.count)),
                        .bulk("pending"), .integer(Int64(group.pending.count)),
                        .bulk("last-delivered-id"), .streamID(group.lastID),
                        .bulk("entries-read"), group.entriesRead.map { .integer($0) } ?? .nullBulkString,
                        .bulk("lag"), stream.lag(of: group).map { .integer($0) } ?? .nullBulkString,
                    ])
                })
            },
            CommandSpec("xinfo|consumers", arity: 4, flags: ["readonly"], keys: KeyPositions(first: 2, last: 2, step: 1), categories: ["@read", "@stream", "@slow"]) { ctx in
                guard let stream = try ctx.lookupStream(ctx[2]) else { throw RedisError.noSuchKey }
                guard let group = stream.groups[ctx[3]] else {
                    throw RedisError.noGroup(ctx[3].errorText, forKey: ctx[2].errorText)
                }
                return .array(group.sortedConsumers.map { consumer in
                    .map([
                        .bulk("name"), .bulk(consumer.name),
                        .bulk("pending"), .integer(Int64(consumer.pending.count)),
                        .bulk("idle"), .integer(max(0, ctx.now - consumer.seenTime)),
                    ])
                })
            },
            CommandSpec("xinfo|help", arity: 2, flags: ["loading", "stale"], categories: ["@stream", "@slow"]) { _ in
                helpReply("XINFO", [
                    "CONSUMERS <key> <groupname>",
                    "    Show consumers of <groupname>.",
                    "GROUPS <key>",
                    "    Show the stream consumer groups.",
                    "STREAM <key> [FULL [COUNT <count>]",
                    "    Show information about the stream.",
                ])
            },
        ]) { _ in .ok },
    ]

    private static func xinfoStream(_ ctx: CommandContext) throws(RedisError) -> RESPValue {
        guard let stream = try ctx.lookupStream(ctx[2]) else { throw RedisError.noSuchKey }
        var full = false
        var count: Int64 = 10
        let options = ctx.count - 3
        if options > 0 {
            guard options == 1 || options == 3, ctx[3].matchesOption("FULL") else { throw RedisError.subcommandSyntax(ctx) }
            full = true
            if options == 3 {
                guard ctx[4].matchesOption("COUNT") else { throw RedisError.subcommandSyntax(ctx) }
                count = try ctx.integer(at: 5)
                if count < 0 { count = 10 }
            }
        }
        // Redis's radix tree holds one key per listpack node, plus inner nodes.
        let keys = stream.log.nodeCount
        var reply: [RESPValue] = [
            .bulk("length"), .integer(Int64(stream.count)),
            .bulk("radix-tree-keys"), .integer(Int64(keys)),
            .bulk("radix-tree-nodes"), .integer(Int64(keys == 0 ? 1 : keys + 1)),
            .bulk("last-generated-id"), .streamID(stream.lastID),
            .bulk("max-deleted-entry-id"), .streamID(stream.maxDeletedID),
            .bulk("entries-added"), .integer(Int64(stream.entriesAdded)),
            .bulk("recorded-first-entry-id"), .streamID(stream.firstID),
        ]
        if !full {
            reply += [
                .bulk("groups"), .integer(Int64(stream.groups.count)),
                .bulk("first-entry"), stream.log.first?.reply ?? .nullBulkString,
                .bulk("last-entry"), stream.log.last?.reply ?? .nullBulkString,
            ]
            return .map(reply)
        }
        let limit = Int(clamping: count)
        func capped<T>(_ items: some Sequence<T>) -> [T] { limit == 0 ? Array(items) : Array(items.prefix(limit)) }
        reply += [.bulk("entries"), .array(stream.log.range(.zero, .max, limit: limit).map(\.reply))]
        let groups: [RESPValue] = stream.sortedGroups.map { group in
            let pending: [RESPValue] = capped(group.pending.ids).compactMap { id in
                guard let entry = group.pending[id] else { return nil }
                return .array([.streamID(id), .bulk(entry.consumer?.name ?? ""), .integer(entry.deliveryTime), .integer(entry.deliveryCount)])
            }
            let consumers: [RESPValue] = group.sortedConsumers.map { consumer in
                let owned: [RESPValue] = capped(consumer.pending.ids).compactMap { id in
                    guard let entry = consumer.pending[id] else { return nil }
                    return .array([.streamID(id), .integer(entry.deliveryTime), .integer(entry.deliveryCount)])
                }
                return .map([
                    .bulk("name"), .bulk(consumer.name), .bulk("seen-time"), .integer(consumer.seenTime),
                    .bulk("pel-count"), .integer(Int64(consumer.pending.count)), .bulk("pending"), .array(owned),
                ])
            }
            return .map([
                .bulk("name"), .bulk(group.name),
                .bulk("last-delivered-id"), .streamID(group.lastID),
                .bulk("entries-read"), group.entriesRead.map { .integer($0) } ?? .nullBulkString,
                .bulk("lag"), stream.lag(of: group).map { .integer($0) } ?? .nullBulkString,
                .bulk("pel-count"), .integer(Int64(group.pending.count)),
                .bulk("pending"), .array(pending),
                .bulk("consumers"), .array(consumers),
            ])
        }
        reply += [.bulk("groups"), .array(groups)]
        return .map(reply)
    }
}
