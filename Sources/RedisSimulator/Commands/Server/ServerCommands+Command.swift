import RESP

extension CommandTable {
    static let commandCommands: [CommandSpec] = [
        CommandSpec("command", arity: -1, flags: ["loading", "stale"], categories: ["@slow", "@connection"], subcommands: [
            commandSpec("command|count", arity: 2) { ctx in .integer(Int64(ctx.server.table.commands.count)) },
            commandSpec("command|list", arity: -2) { ctx in
                var names = ctx.server.table.allSpecs.map(\.name)
                var i = 2
                while i < ctx.count {
                    // Redis reads options in turn; the last FILTERBY wins.
                    guard ctx.argument(i, is: "FILTERBY"), ctx.count - 1 - i == 2 else { throw RedisError.syntax }
                    let value = ctx[i + 2]
                    names = ctx.server.table.allSpecs.map(\.name)
                    if ctx.argument(i + 1, is: "PATTERN") {
                        let glob = GlobPattern(value, caseInsensitive: true)
                        names = names.filter { glob.matches(ByteString($0)) }
                    } else if ctx.argument(i + 1, is: "ACLCAT") {
                        let category = ACLCategory.named(value.string)
                        names = ctx.server.table.allSpecs.filter { spec in category.map(spec.aclCategories.contains) ?? false }.map(\.name)
                    } else if ctx.argument(i + 1, is: "MODULE") {
                        names = []
                    } else {
                        throw RedisError.syntax
                    }
                    i += 3
                }
                return .array(names.map { .bulk($0) })
            },
            commandSpec("command|info", arity: -2) { ctx in
                guard ctx.count > 2 else {
                    return .array(ctx.server.table.commands.values.sorted { $0.name < $1.name }.map(commandInfo))
                }
                return .array(ctx.args.dropFirst(2).map { name in
                    ctx.server.table.aclLookup(name.string).map(commandInfo) ?? .nullBulkString
                })
            },
            commandDocsSpec,
            commandSpec("command|getkeys", arity: -4) { ctx in
                .array(try commandKeys(ctx).map { .bulk(ctx[$0.index + 2]) })
            },
            commandSpec("command|getkeysandflags", arity: -4) { ctx in
                .array(try commandKeys(ctx).map { key in
                    .array([.bulk(ctx[key.index + 2]), .set(key.flags.map { .simpleString($0) })])
                })
            },
            commandSpec("command|help", arity: 2) { _ in
                CommandTable.helpReply("COMMAND", [
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
                ])
            },
        ]) { ctx in
            .array(ctx.server.table.commands.values.sorted { $0.name < $1.name }.map(commandInfo))
        },
    ]

    static func commandSpec(_ name: String, arity: Int, handler: @escaping CommandHandler) -> CommandSpec {
        CommandSpec(name, arity: arity, flags: ["loading", "stale"], categories: ["@slow", "@connection"], handler: handler)
    }

    /// One command's COMMAND INFO entry, in Redis 7.0's ten-element shape; tips and key specs
    /// come from Redis's metadata for a command of that name, key-spec notes from our prose.
    @Sendable static func commandInfo(_ spec: CommandSpec) -> RESPValue {
        let metadata = spec.redisMetadata
        return .array([
            .bulk(spec.name), .integer(Int64(spec.arity)), .set(spec.reportedFlags.map { .simpleString($0) }),
            .integer(Int64(spec.keys.first)), .integer(Int64(spec.keys.last)), .integer(Int64(spec.keys.step)),
            .set(spec.categories.map { .simpleString($0) }),
            .set((metadata?.tips ?? []).map { .bulk($0) }),
            .set((metadata?.keySpecs ?? []).enumerated().map { index, keySpec in
                keySpecInfo(keySpec, notes: CommandDocsProse.keySpecNote(spec.name, index))
            }),
            // Redis answers an empty set, not an empty array, for a command without subcommands.
            spec.subcommands.isEmpty ? .set([]) : .array(spec.subcommands.sorted { $0.name < $1.name }.map(commandInfo)),
        ])
    }

    /// A key spec as COMMAND INFO shows it; where Redis explains a spec in a note, the note is ours.
    static func keySpecInfo(_ keySpec: KeySpec, notes: String? = nil) -> RESPValue {
        let begin: RESPValue
        switch keySpec.beginSearch {
        case .index(let index):
            begin = .map([.bulk("type"), .bulk("index"), .bulk("spec"), .map([.bulk("index"), .integer(Int64(index))])])
        case .keyword(let keyword, let startFrom):
            begin = .map([.bulk("type"), .bulk("keyword"), .bulk("spec"),
                            .map([.bulk("keyword"), .bulk(keyword), .bulk("startfrom"), .integer(Int64(startFrom))])])
        case .unknown:
            begin = .map([.bulk("type"), .bulk("unknown"), .bulk("spec"), .map([])])
        }
        let find: RESPValue
        switch keySpec.findKeys {
        case .range(let lastKey, let keyStep, let limit):
            find = .map([.bulk("type"), .bulk("range"), .bulk("spec"), .map([
                .bulk("lastkey"), .integer(Int64(lastKey)), .bulk("keystep"), .integer(Int64(keyStep)),
                .bulk("limit"), .integer(Int64(limit)),
            ])])
        case .keyNumber(let index, let firstKey, let keyStep):
            find = .map([.bulk("type"), .bulk("keynum"), .bulk("spec"), .map([
                .bulk("keynumidx"), .integer(Int64(index)), .bulk("firstkey"), .integer(Int64(firstKey)),
                .bulk("keystep"), .integer(Int64(keyStep)),
            ])])
        case .unknown:
            find = .map([.bulk("type"), .bulk("unknown"), .bulk("spec"), .map([])])
        }
        return .map((notes.map { [.bulk("notes"), .bulk($0)] } ?? []) + [
            .bulk("flags"), .set(keySpec.flags.map { .simpleString($0) }),
            .bulk("begin_search"), begin, .bulk("find_keys"), find,
        ])
    }

    static let invalidArguments = RedisError("ERR Invalid arguments specified for command")

    /// The keys of the command line after COMMAND GETKEYS (Redis's getKeysSubcommandImpl).
    static func commandKeys(_ ctx: CommandContext) throws(RedisError) -> [KeyReference] {
        let line = Array(ctx.args.dropFirst(2))
        guard let spec = ctx.server.table.lookupCommandLine(line) else { throw RedisError("ERR Invalid command specified") }
        guard spec.hasKeys else { throw RedisError("ERR The command has no key arguments") }
        guard spec.argumentCountIsValid(line.count) else {
            throw RedisError("ERR Invalid number of arguments specified for command")
        }
        guard let keys = spec.keyReferences(line) else {
            // Specs that cannot be followed: Redis answers no keys, unless the command's own
            // procedure then found none.
            if CommandSpec.keysByProcedure.contains(spec.name) { throw invalidArguments }
            return []
        }
        if keys.isEmpty, !spec.flags.contains("no_mandatory_keys") { throw invalidArguments }
        return keys
    }
}
