import RESP

extension CommandTable {
    static let aclCommands: [CommandSpec] = [
        CommandSpec("acl", arity: -2, flags: [], subcommands: [
            aclSpec("acl|setuser", arity: -3, admin: true, secrets: .all(from: 2), handler: aclSetUser),
            aclSpec("acl|getuser", arity: 3, admin: true, handler: aclGetUser),
            aclSpec("acl|deluser", arity: -3, admin: true, handler: aclDeleteUser),
            aclSpec("acl|list", arity: 2, admin: true) { ctx in
                .array(ctx.server.acl.sortedNames.compactMap { ctx.server.acl.user(named: $0) }.map { user in
                    .bulk("user " + user.name.string + " " + user.described(table: ctx.server.table))
                })
            },
            aclSpec("acl|users", arity: 2, admin: true) { ctx in .array(ctx.server.acl.sortedNames.map { .bulk($0) }) },
            aclSpec("acl|whoami", arity: 2) { ctx in ctx.client.user.map { .bulk($0.name) } ?? .nullBulkString },
            aclSpec("acl|cat", arity: -2, handler: aclCategories),
            aclSpec("acl|genpass", arity: -2) { ctx in
                guard ctx.count <= 3 else { throw RedisError.subcommandSyntax(ctx) }
                let bits = ctx.count == 3 ? try ctx.integer(at: 2) : 256
                guard bits > 0, bits <= 4096 else {
                    throw RedisError("ERR ACL GENPASS argument must be the number of bits for the output password, a positive number up to 4096")
                }
                var generator = SystemRandomNumberGenerator()
                let hex = Array("0123456789abcdef".utf8)
                return .bulk(ByteString((0..<Int((bits + 3) / 4)).map { _ in hex[Int(generator.next() % 16)] }))
            },
            aclSpec("acl|log", arity: -2, admin: true, handler: aclLog),
            aclSpec("acl|dryrun", arity: -4, admin: true, handler: aclDryRun),
            aclSpec("acl|load", arity: 2, admin: true) { _ in throw noACLFile },
            aclSpec("acl|save", arity: 2, admin: true) { _ in throw noACLFile },
            CommandSpec("acl|help", arity: 2, flags: ["loading", "stale"]) { _ in
                CommandTable.helpReply("ACL", [
                    "CAT [<category>]",
                    "    List all commands that belong to <category>, or all command categories",
                    "    when no category is specified.",
                    "DELUSER <username> [<username> ...]",
                    "    Delete a list of users.",
                    "DRYRUN <username> <command> [<arg> ...]",
                    "    Returns whether the user can execute the given command without executing the command.",
                    "GETUSER <username>",
                    "    Get the user's details.",
                    "GENPASS [<bits>]",
                    "    Generate a secure 256-bit user password. The optional `bits` argument can",
                    "    be used to specify a different size.",
                    "LIST",
                    "    Show users details in config file format.",
                    "LOAD",
                    "    Reload users from the ACL file.",
                    "LOG [<count> | RESET]",
                    "    Show the ACL log entries.",
                    "SAVE",
                    "    Save the current config to the ACL file.",
                    "SETUSER <username> <attribute> [<attribute> ...]",
                    "    Create or modify a user with the specified attributes.",
                    "USERS",
                    "    List all the registered usernames.",
                    "WHOAMI",
                    "    Return the current connection username.",
                ])
            },
        ]) { _ in .ok },
    ]

    static func aclSpec(
        _ name: String, arity: Int, admin: Bool = false, secrets: SecretArguments = .none, handler: @escaping CommandHandler
    ) -> CommandSpec {
        CommandSpec(name, arity: arity, flags: (admin ? ["admin"] : []) + ["noscript", "loading", "stale"], secrets: secrets, handler: handler)
    }

    /// The simulator has no `aclfile`, so ACL LOAD and SAVE answer as Redis does without one.
    static let noACLFile = RedisError(
        "ERR This Redis instance is not configured to use an ACL file. You may want to specify users via the ACL SETUSER command and then issue a CONFIG REWRITE (assuming you have a Redis configuration file set) in order to store users in the Redis configuration.")

    /// ACL SETUSER name rule...: every rule applies, or none (Redis's ACLStringSetUser).
    @Sendable static func aclSetUser(_ ctx: CommandContext) throws -> RESPValue {
        let name = ctx[2]
        guard !ACLSelector.hasSpaces(name.bytes) else { throw RedisError("ERR Usernames can't contain spaces or null characters") }
        let rules = try mergedSelectorRules(Array(ctx.args.dropFirst(3)))
        let existing = ctx.server.acl.user(named: name)
        let staged = existing?.copy() ?? ACLUser(name: name)
        staged.newSelectorsAllowAllChannels = ctx.server.acl.newUsersGetAllChannels
        if existing == nil { staged.root.allChannels = staged.newSelectorsAllowAllChannels }
        for rule in rules {
            do {
                try staged.apply(rule, table: ctx.server.table)
            } catch {
                throw RedisError("ERR Error in ACL SETUSER modifier '\(rule.errorText)': \(error.text)")
            }
        }
        staged.refresh(table: ctx.server.table)
        if let existing {
            existing.take(staged)
            ctx.server.disconnectSubscribersLosingChannels(of: existing, except: ctx.client)
        } else {
            ctx.server.acl.add(staged)
        }
        return .ok
    }

    /// Joins a `(…)` selector written over several arguments into one (Redis's
    /// ACLMergeSelectorArguments).
    static func mergedSelectorRules(_ arguments: [ByteString]) throws(RedisError) -> [ByteString] {
        var merged: [ByteString] = []
        var open: (start: ByteString, bytes: [UInt8])?
        for argument in arguments {
            let bytes = argument.bytes
            if bytes.first == UInt8(ascii: "("), bytes.last != UInt8(ascii: ")") {
                open = (argument, bytes)
                continue
            }
            if var current = open {
                current.bytes += [32] + bytes
                open = current
                if bytes.last == UInt8(ascii: ")") {
                    merged.append(ByteString(current.bytes))
                    open = nil
                }
                continue
            }
            merged.append(argument)
        }
        if let open {
            throw RedisError("ERR Unmatched parenthesis in acl selector starting at '\(open.start.errorText)'.")
        }
        return merged
    }

    @Sendable static func aclGetUser(_ ctx: CommandContext) throws -> RESPValue {
        guard let user = ctx.server.acl.user(named: ctx[2]) else { return .nullBulkString }
        let table = ctx.server.table
        func describe(_ selector: ACLSelector) -> [RESPValue] {
            [
                .bulk("commands"), .bulk(selector.commandRules(table: table)),
                .bulk("keys"), .bulk(selector.keysField), .bulk("channels"), .bulk(selector.channelsField),
            ]
        }
        // A map whose flags are a set and whose selectors are maps, as Redis 7.0 builds it;
        // RESP2 clients read both as flat arrays.
        return .map(
            [.bulk("flags"), .set(user.flagNames.map { .bulk($0) }),
             .bulk("passwords"), .array(user.passwordHashes.map { .bulk($0) })]
                + describe(user.root)
                + [.bulk("selectors"), .array(user.selectors.map { .map(describe($0)) })])
    }

    @Sendable static func aclDeleteUser(_ ctx: CommandContext) throws -> RESPValue {
        let names = ctx.args.dropFirst(2)
        if names.contains(where: { $0 == "default" }) { throw RedisError("ERR The 'default' user cannot be removed") }
        var deleted: Int64 = 0
        for name in names {
            guard let user = ctx.server.acl.remove(named: name) else { continue }
            deleted += 1
            // Redis disconnects the user's clients; the one deleting itself is closed after the reply.
            for client in ctx.server.clients.values where client.user === user {
                ctx.server.resetUser(of: client)
                if client === ctx.client { client.closeAfterReply = true } else { ctx.server.killClient(client) }
            }
        }
        return .integer(deleted)
    }

    @Sendable static func aclCategories(_ ctx: CommandContext) throws -> RESPValue {
        guard ctx.count <= 3 else { throw RedisError.subcommandSyntax(ctx) }
        guard ctx.count == 3 else { return .array(ACLCategory.allCases.map { .bulk($0.rawValue) }) }
        guard let category = ACLCategory.named(ctx[2].string) else {
            throw RedisError("ERR Unknown category '\(ServerState.truncated(ctx[2]))'")
        }
        return .array(ctx.server.table.allSpecs.filter { $0.aclCategories.contains(category) }.map { .bulk($0.name) })
    }

    @Sendable static func aclLog(_ ctx: CommandContext) throws -> RESPValue {
        guard ctx.count <= 3 else { throw RedisError.subcommandSyntax(ctx) }
        var count: Int64 = 10
        if ctx.count == 3 {
            if ctx.argument(2, is: "RESET") {
                ctx.server.acl.log = []
                return .ok
            }
            count = max(0, try ctx.integer(at: 2))
        }
        let now = ctx.server.clock.nowMilliseconds()
        return .array(ctx.server.acl.log.prefix(Int(min(count, Int64(Int.max)))).map { $0.reply(now: now) })
    }

    @Sendable static func aclDryRun(_ ctx: CommandContext) throws -> RESPValue {
        guard let user = ctx.server.acl.user(named: ctx[2]) else { throw RedisError("ERR User '\(ctx[2].errorText)' not found") }
        let line = Array(ctx.args.dropFirst(3))
        guard let spec = ctx.server.table.lookupCommandLine(line) else {
            throw RedisError("ERR Command '\(line[0].errorText)' not found")
        }
        guard spec.argumentCountIsValid(line.count) else { throw RedisError.arity(spec.name) }
        switch user.check(spec, line) {
        case nil: return .ok
        case .command: return .bulk("This user has no permissions to run the '\(spec.name)' command")
        case .key(let index): return .bulk("This user has no permissions to access the '" + line[index].string + "' key")
        case .channel(let index): return .bulk("This user has no permissions to access the '" + line[index].string + "' channel")
        }
    }
}
