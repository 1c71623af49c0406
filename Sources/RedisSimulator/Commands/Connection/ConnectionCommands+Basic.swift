import RESP

extension CommandTable {
    static let connectionBasicCommands: [CommandSpec] = [
        CommandSpec("ping", arity: -1, flags: ["fast"], categories: ["@fast", "@connection"], roles: .runsWhileSubscribed) { ctx in
            guard ctx.count <= 2 else { throw RedisError.arity("ping") }
            return ctx.count == 2 ? .bulk(ctx[1]) : .simpleString("PONG")
        },
        CommandSpec("echo", arity: 2, flags: ["loading", "stale", "fast"], categories: ["@fast", "@connection"]) { ctx in
            .bulk(ctx[1])
        },
        CommandSpec("select", arity: 2, flags: ["loading", "stale", "fast"], categories: ["@fast", "@connection"]) { ctx in
            let index = try ctx.int32(at: 1)
            guard index >= 0, index < ctx.databaseCount else { throw RedisError.dbIndexOutOfRange }
            ctx.client.databaseIndex = Int(index)
            return .ok
        },
        CommandSpec("auth", arity: -2, flags: ["noscript", "loading", "stale", "fast", "no_auth", "allow_busy"],
                    categories: ["@fast", "@connection"], secrets: .all(from: 1)) { ctx in
            guard ctx.count <= 3 else { throw RedisError.syntax }
            let user = ctx.count == 3 ? ctx[1] : "default"
            let password = ctx[ctx.count - 1]
            if ctx.count == 2 && ctx.server.acl.defaultUser.noPassword {
                throw RedisError("ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?")
            }
            try ctx.authenticate(user: user, password: password)
            return .ok
        },
        CommandSpec("hello", arity: -1, flags: ["noscript", "loading", "stale", "fast", "no_auth", "allow_busy"],
                    categories: ["@fast", "@connection"], secrets: .helloAuth, handler: hello),
        CommandSpec("quit", arity: -1, flags: ["noscript", "loading", "stale", "fast", "no_auth", "allow_busy"],
                    categories: ["@fast", "@connection"], roles: [.endsTransaction, .runsWhileSubscribed]) { ctx in
            ctx.client.closeAfterReply = true
            return .ok
        },
        CommandSpec("time", arity: 1, flags: ["loading", "stale", "fast"], categories: ["@fast"]) { ctx in
            let micros = ctx.server.clock.nowMicroseconds()
            return .array([.bulk(ByteString(micros / 1_000_000)), .bulk(ByteString(micros % 1_000_000))])
        },
    ]

    /// HELLO [protover [AUTH user pass] [SETNAME name]]: switches to RESP2 or RESP3 once
    /// authenticated; without a version the protocol stays as it is.
    @Sendable static func hello(_ ctx: CommandContext) throws -> RESPValue {
        var version = Int64(ctx.client.protocolVersion)
        if ctx.count >= 2 {
            guard let requested = ctx[1].int64Value else {
                throw RedisError("ERR Protocol version is not an integer or out of range")
            }
            guard requested == 2 || requested == 3 else { throw RedisError("NOPROTO unsupported protocol version") }
            version = requested
        }
        var i = 2, name: ByteString?
        var credentials: (ByteString, ByteString)?
        while i < ctx.count {
            let remaining = ctx.count - i - 1
            if ctx.argument(i, is: "AUTH"), remaining >= 2 {
                credentials = (ctx[i + 1], ctx[i + 2])
                i += 3
            } else if ctx.argument(i, is: "SETNAME"), remaining >= 1 {
                name = ctx[i + 1]
                i += 2
            } else {
                throw RedisError("ERR Syntax error in HELLO option '\(ctx[i].errorText)'")
            }
        }
        if let (user, password) = credentials {
            try ctx.authenticate(user: user, password: password)
        }
        guard !ctx.server.requiresAuthentication(ctx.client) else {
            throw RedisError("NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO <proto> AUTH <user> <pass> option can be used to authenticate the client and select the RESP protocol version at the same time")
        }
        if let name {
            try validateClientName(name)
            ctx.client.name = name.isEmpty ? nil : name
        }
        ctx.client.protocolVersion = Int(version)
        return .map([
            .bulk("server"), .bulk("redis"), .bulk("version"), .bulk(ServerState.redisVersion),
            .bulk("proto"), .integer(version), .bulk("id"), .integer(ctx.client.id),
            .bulk("mode"), .bulk("standalone"), .bulk("role"), .bulk("master"), .bulk("modules"), .array([]),
        ])
    }

    /// CLIENT SETNAME's rule: no spaces, newlines or other characters outside '!'…'~'.
    static func validateClientName(_ name: ByteString) throws(RedisError) {
        if name.bytes.contains(where: { $0 < UInt8(ascii: "!") || $0 > UInt8(ascii: "~") }) {
            throw RedisError("ERR Client names cannot contain spaces, newlines or special characters.")
        }
    }
}

extension ServerState {
    /// The Redis version the simulator answers as.
    static let redisVersion = "7.0.15"
}
