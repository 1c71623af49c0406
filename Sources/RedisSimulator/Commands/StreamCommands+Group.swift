import RESP

/// XGROUP and XACK.
extension CommandTable {
    static let streamGroupCommands: [CommandSpec] = [
        CommandSpec("xgroup", arity: -2, flags: [], categories: ["@slow"], subcommands: xgroupSubcommands) { _ in .ok },
        CommandSpec("xack", arity: -4, flags: ["write", "fast"], keys: .single, categories: ["@write", "@stream", "@fast"]) { ctx in
            guard let stream = try ctx.lookupStream(ctx[1]), let group = stream.groups[ctx[2]] else { return .integer(0) }
            var ids: [StreamID] = []
            for i in 3..<ctx.count { ids.append(try ctx.streamID(at: i, strict: true)) }
            return .integer(Int64(ids.filter { group.acknowledge($0) }.count))
        },
    ]

    /// Options after `XGROUP <sub> key group id`, and the stream and group (Redis's xgroupCommand prologue).
    private struct GroupTarget {
        var stream: StreamValue?
        var group: StreamConsumerGroup?
        var makeStream = false
        var entriesRead: Int64? = nil
    }

    private static func groupTarget(_ ctx: CommandContext) throws(RedisError) -> GroupTarget {
        var target = GroupTarget()
        let sub = ctx.spec.name
        var i = 5
        while i < ctx.count {
            if sub == "xgroup|create", ctx[i].matchesOption("MKSTREAM") {
                target.makeStream = true
                i += 1
            } else if sub == "xgroup|create" || sub == "xgroup|setid", ctx[i].matchesOption("ENTRIESREAD"), i + 1 < ctx.count {
                let value = try ctx.integer(at: i + 1)
                guard value >= 0 || value == -1 else { throw RedisError("ERR value for ENTRIESREAD must be positive or -1") }
                target.entriesRead = value == -1 ? nil : value
                i += 2
            } else {
                throw RedisError.subcommandSyntax(ctx)
            }
        }
        target.stream = try ctx.lookupStream(ctx[2])
        if !target.makeStream {
            guard let stream = target.stream else {
                throw RedisError("ERR The XGROUP subcommand requires the key to exist. Note that for CREATE you may want to use the MKSTREAM option to create an empty stream automatically.")
            }
            target.group = stream.groups[ctx[3]]
            if target.group == nil, sub != "xgroup|create", sub != "xgroup|destroy" {
                throw RedisError.noGroup(ctx[3].errorText, forKey: ctx[2].errorText)
            }
        }
        return target
    }

    private static let xgroupSubcommands: [CommandSpec] = [
        CommandSpec("xgroup|create", arity: -5, flags: ["write", "denyoom"], keys: KeyPositions(first: 2, last: 2, step: 1), categories: ["@write", "@stream", "@slow"]) { ctx in
            var target = try groupTarget(ctx)
            guard ctx.count <= 8 else { throw RedisError.subcommandSyntax(ctx) }
            let id: StreamID
            if ctx[4].bytes == [UInt8(ascii: "$")] {
                id = target.stream?.lastID ?? .zero
            } else {
                id = try ctx.streamID(at: 4, strict: true)
            }
            if target.stream == nil {
                let created = StreamValue()
                ctx.setKey(ctx[2], .stream(created))
                target.stream = created
            }
            let stream = target.stream!
            guard stream.groups[ctx[3]] == nil else { throw RedisError("BUSYGROUP Consumer Group name already exists") }
            stream.groups[ctx[3]] = StreamConsumerGroup(name: ctx[3], lastID: id, entriesRead: target.entriesRead)
            ctx.notify(.stream, "xgroup-create", ctx[2])
            return .ok
        },
        CommandSpec("xgroup|setid", arity: -5, flags: ["write"], keys: KeyPositions(first: 2, last: 2, step: 1), categories: ["@write", "@stream", "@slow"]) { ctx in
            let target = try groupTarget(ctx)
            guard ctx.count == 5 || ctx.count == 7 else { throw RedisError.subcommandSyntax(ctx) }
            let group = target.group!
            if ctx[4].bytes == [UInt8(ascii: "$")] {
                group.lastID = target.stream!.lastID
            } else {
                group.lastID = try ctx.streamID(at: 4, strict: false)
            }
            group.entriesRead = target.entriesRead
            ctx.notify(.stream, "xgroup-setid", ctx[2])
            return .ok
        },
        CommandSpec("xgroup|destroy", arity: 4, flags: ["write"], keys: KeyPositions(first: 2, last: 2, step: 1), categories: ["@write", "@stream", "@slow"]) { ctx in
            let target = try groupTarget(ctx)
            guard target.group != nil else { return .integer(0) }
            target.stream!.groups[ctx[3]] = nil
            ctx.notify(.stream, "xgroup-destroy", ctx[2])
            // Clients blocked in XREADGROUP on this group must learn it is gone.
            ctx.signalModified(ctx[2])
            return .integer(1)
        },
        CommandSpec("xgroup|createconsumer", arity: 5, flags: ["write", "denyoom"], keys: KeyPositions(first: 2, last: 2, step: 1), categories: ["@write", "@stream", "@slow"]) { ctx in
            let group = try groupTarget(ctx).group!
            guard group.consumers[ctx[4]] == nil else { return .integer(0) }
            _ = ctx.streamConsumer(ctx[4], in: group, key: ctx[2])
            return .integer(1)
        },
        CommandSpec("xgroup|delconsumer", arity: 5, flags: ["write"], keys: KeyPositions(first: 2, last: 2, step: 1), categories: ["@write", "@stream", "@slow"]) { ctx in
            let group = try groupTarget(ctx).group!
            guard let consumer = group.consumers[ctx[4]] else { return .integer(0) }
            let pending = consumer.pending.count
            group.deleteConsumer(consumer)
            ctx.notify(.stream, "xgroup-delconsumer", ctx[2])
            return .integer(Int64(pending))
        },
        CommandSpec("xgroup|help", arity: 2, flags: ["loading", "stale"], categories: ["@stream", "@slow"]) { _ in
            helpReply("XGROUP", [
                "CREATE <key> <groupname> <id|$> [option]",
                "    Create a new consumer group. Options are:",
                "    * MKSTREAM",
                "      Create the empty stream if it does not exist.",
                "    * ENTRIESREAD entries_read",
                "      Set the group's entries_read counter (internal use).",
                "CREATECONSUMER <key> <groupname> <consumer>",
                "    Create a new consumer in the specified group.",
                "DELCONSUMER <key> <groupname> <consumer>",
                "    Remove the specified consumer.",
                "DESTROY <key> <groupname>",
                "    Remove the specified group.",
                "SETID <key> <groupname> <id|$> [ENTRIESREAD entries_read]",
                "    Set the current group ID and entries_read counter.",
            ])
        },
    ]

    /// Redis's addReplyHelp: a title line, the lines, then HELP.
    static func helpReply(_ command: String, _ lines: [String]) -> RESPValue {
        .array(
            (["\(command) <subcommand> [<arg> [value] [opt] ...]. Subcommands are:"] + lines
                + ["HELP", "    Prints this help."]).map { RESPValue.simpleString($0) })
    }
}
