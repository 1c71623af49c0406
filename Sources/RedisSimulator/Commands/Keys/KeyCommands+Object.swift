import RESP

extension CommandTable {
    static let keyObjectCommands: [CommandSpec] = [
        CommandSpec("object", arity: -2, flags: [], categories: ["@slow"], subcommands: [
            objectSpec("object|encoding") { ctx, value in .bulk(ByteString(ctx.encodingName(of: ctx[2], value))) },
            objectSpec("object|refcount") { ctx, value in
                if case .string(let s) = value, let n = s.int64Value, n >= 0, n < 10000, s.count <= 20 {
                    return .integer(2_147_483_647)
                }
                return .integer(1)
            },
            objectSpec("object|idletime") { ctx, _ in
                if ctx.server.config.maxmemoryPolicy.hasSuffix("lfu") {
                    throw RedisError("ERR An LFU maxmemory policy is selected, idle time not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.")
                }
                return .integer(ctx.db.entries[access: ctx[2]]?.idleSeconds(now: ctx.now) ?? 0)
            },
            objectSpec("object|freq") { ctx, _ in
                guard ctx.server.config.maxmemoryPolicy.hasSuffix("lfu") else {
                    throw RedisError("ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.")
                }
                let access = ctx.db.entries[access: ctx[2]] ?? KeyAccess(now: ctx.now, lfu: true)
                return .integer(Int64(access.decayedFrequency(now: ctx.now, decayTime: ctx.server.config.integer("lfu-decay-time"))))
            },
            CommandSpec("object|help", arity: 2, flags: ["loading", "stale"], categories: ["@keyspace", "@slow"]) { _ in
                CommandTable.helpReply("OBJECT", [
                    "ENCODING <key>",
                    "    Return the kind of internal representation used in order to store the value",
                    "    associated with a <key>.",
                    "FREQ <key>",
                    "    Return the access frequency index of the <key>. The returned integer is",
                    "    proportional to the logarithm of the recent access frequency of the key.",
                    "IDLETIME <key>",
                    "    Return the idle time of the <key>, that is the approximated number of",
                    "    seconds elapsed since the last access to the key.",
                    "REFCOUNT <key>",
                    "    Return the number of references of the value associated with the specified",
                    "    <key>.",
                ])
            },
        ]) { _ in .ok },
    ]

    static func objectSpec(_ name: String, _ body: @escaping @Sendable (CommandContext, RedisValue) throws -> RESPValue) -> CommandSpec {
        CommandSpec(name, arity: 3, flags: ["readonly"], keys: KeyPositions(first: 2, last: 2, step: 1),
                    categories: ["@keyspace", "@read", "@slow"]) { ctx in
            guard let value = ctx.peek(ctx[2]) else { return .nullBulkString }
            return try body(ctx, value)
        }
    }
}

extension CommandContext {
    /// OBJECT ENCODING's answer for `key`, including the overrides of strings changed in place.
    func encodingName(of key: ByteString, _ value: RedisValue) -> String {
        if case .string = value, let encoding = db.encodingOverrides[key] { return encoding }
        return value.encodingName
    }
}
