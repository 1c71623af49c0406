import RESP

extension CommandTable {
    static let commandCommands: [CommandSpec] = [
        CommandSpec("command", arity: -1, flags: ["loading", "stale"], categories: ["@slow", "@connection"], subcommands: [
            commandSpec("command|count", arity: 2) { ctx in .integer(Int64(ctx.server.table.commands.count)) },
            commandSpec("command|list", arity: -2) { ctx in
                var names = ctx.server.table.commands.keys.sorted()
                if ctx.count > 2 {
                    guard ctx.count == 5, ctx.argument(2, is: "FILTERBY") else { throw RedisError.syntax }
                    let value = ctx[4]
                    if ctx.argument(3, is: "PATTERN") {
                        let glob = GlobPattern(value, caseInsensitive: true)
                        names = names.filter { glob.matches(ByteString($0)) }
                    } else if ctx.argument(3, is: "ACLCAT") {
                        let category = "@" + value.string.lowercased()
                        names = names.filter { ctx.server.table.commands[$0]?.categories.contains(category) == true }
                    } else if ctx.argument(3, is: "MODULE") {
                        names = []
                    } else {
                        throw RedisError.syntax
                    }
                }
                return .array(names.map { .bulk($0) })
            },
            commandSpec("command|info", arity: -2) { ctx in
                guard ctx.count > 2 else {
                    return .array(ctx.server.table.commands.values.sorted { $0.name < $1.name }.map(commandInfo))
                }
                return .array(ctx.args.dropFirst(2).map { name in
                    ctx.server.table.lookup(name).map(commandInfo) ?? .nullBulkString
                })
            },
            commandSpec("command|getkeys", arity: -4) { ctx in
                let keys = try keyArguments(ctx, Array(ctx.args.dropFirst(2)))
                return .array(keys.map { .bulk($0) })
            },
            commandSpec("command|help", arity: 2) { _ in
                .array(helpLines("COMMAND", [
                    "(no subcommand)",
                    "    Return details about all Redis commands.",
                    "COUNT",
                    "    Return the total number of commands in this Redis server.",
                    "LIST",
                    "    Return a list of all commands in this Redis server.",
                    "INFO [<command-name> ...]",
                    "    Return details about multiple Redis commands.",
                    "    If no command names are given, documentation details for all",
                    "    commands are returned.",
                    "DOCS [<command-name> ...]",
                    "    Return documentation details about multiple Redis commands.",
                    "    If no command names are given, documentation details for all",
                    "    commands are returned.",
                    "GETKEYS <full-command>",
                    "    Return the keys from a full Redis command.",
                    "GETKEYSANDFLAGS <full-command>",
                    "    Return the keys and the access flags from a full Redis command.",
                ]).map { .simpleString($0) })
            },
        ]) { ctx in
            .array(ctx.server.table.commands.values.sorted { $0.name < $1.name }.map(commandInfo))
        },
    ]

    static func commandSpec(_ name: String, arity: Int, handler: @escaping CommandHandler) -> CommandSpec {
        CommandSpec(name, arity: arity, flags: ["loading", "stale"], categories: ["@slow", "@connection"], handler: handler)
    }

    /// One command's COMMAND INFO entry, in Redis 7.0's ten-element shape.
    @Sendable static func commandInfo(_ spec: CommandSpec) -> RESPValue {
        .array([
            .bulk(spec.name), .integer(Int64(spec.arity)), .set(spec.flags.map { .simpleString($0) }),
            .integer(Int64(spec.keys.first)), .integer(Int64(spec.keys.last)), .integer(Int64(spec.keys.step)),
            .set(spec.categories.map { .simpleString($0) }), .set([]), .set([]),
            .array(spec.subcommands.sorted { $0.name < $1.name }.map(commandInfo)),
        ])
    }

    /// Commands whose keys are counted by their second argument (EVAL and FCALL families).
    static let keyCountCommands: Set<String> = ["eval", "evalsha", "eval_ro", "evalsha_ro", "fcall", "fcall_ro", "blmpop", "bzmpop"]

    /// The key arguments of a full command line (COMMAND GETKEYS).
    static func keyArguments(_ ctx: CommandContext, _ line: [ByteString]) throws(RedisError) -> [ByteString] {
        guard let parent = ctx.server.table.lookup(line[0]) else { throw RedisError("ERR Invalid command specified") }
        var spec = parent
        if !parent.subcommands.isEmpty, line.count >= 2, let sub = ctx.server.table.lookupSubcommand(of: parent, line[1]) {
            spec = sub
        }
        guard spec.argumentCountIsValid(line.count) else {
            throw RedisError("ERR Invalid number of arguments specified for command")
        }
        if spec.name == "sort" { return sortKeys(line) }
        if keyCountCommands.contains(spec.name) {
            // Redis's keynum key spec: the count at argument 2, the keys after it; a count that
            // does not fit gives no keys.
            guard let count = line[2].int64Value, count >= 0, count <= Int64(line.count - 3) else { return [] }
            return Array(line[3..<(3 + Int(count))])
        }
        let positions = spec.keys
        guard positions.first > 0 else { throw RedisError("ERR The command has no key arguments") }
        let last = positions.last < 0 ? line.count + positions.last : positions.last
        guard last < line.count else { throw RedisError("ERR Invalid arguments specified for command") }
        return stride(from: positions.first, through: last, by: max(1, positions.step)).map { line[$0] }
    }
}
