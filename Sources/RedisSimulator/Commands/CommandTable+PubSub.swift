import RESP

extension CommandTable {
    static let pubSubCommands: [CommandSpec] = subscribeCommands + [
        CommandSpec(
            "publish", arity: 3, flags: ["pubsub", "loading", "stale", "fast", "may_replicate"],
            categories: ["@pubsub", "@fast"]
        ) { ctx in
            .integer(Int64(ctx.server.publish(ctx[2], to: ctx[1])))
        },
        CommandSpec(
            "spublish", arity: 3, flags: ["pubsub", "loading", "stale", "fast", "may_replicate"],
            keys: .single, categories: ["@pubsub", "@fast"]
        ) { ctx in
            .integer(Int64(ctx.server.publish(ctx[2], to: ctx[1], sharded: true)))
        },
        CommandSpec(
            "pubsub", arity: -2, flags: [], categories: ["@slow"],
            subcommands: pubSubIntrospection
        ) { _ in .ok },
        CommandSpec(
            "reset", arity: 1, flags: ["noscript", "loading", "stale", "fast", "no_auth", "allow_busy"],
            categories: ["@fast", "@connection"], roles: [.endsTransaction, .runsWhileSubscribed]
        ) { ctx in
            ctx.server.resetClient(ctx.client)
            return .simpleString("RESET")
        },
    ]

    /// SUBSCRIBE and its siblings: each answers one confirmation per name, the first as the
    /// command's reply and the rest as extra replies.
    private static let subscribeCommands: [CommandSpec] = {
        let flags = ["pubsub", "noscript", "loading", "stale"]
        func subscribe(_ name: String, _ kind: SubscriptionKind, keys: KeyPositions = .none) -> CommandSpec {
            CommandSpec(name, arity: -2, flags: flags, keys: keys, categories: ["@pubsub", "@slow"], roles: .runsWhileSubscribed) { ctx in
                let confirmations = ctx.args.dropFirst().map { ctx.server.subscribe(ctx.client, to: $0, kind: kind) }
                return ctx.reply(confirmations)
            }
        }
        func unsubscribe(_ name: String, _ kind: SubscriptionKind, keys: KeyPositions = .none) -> CommandSpec {
            CommandSpec(name, arity: -1, flags: flags, keys: keys, categories: ["@pubsub", "@slow"], roles: .runsWhileSubscribed) { ctx in
                if ctx.count == 1 { return ctx.reply(ctx.server.unsubscribeAll(ctx.client, kind: kind)) }
                return ctx.reply(ctx.args.dropFirst().map { ctx.server.unsubscribe(ctx.client, from: $0, kind: kind) })
            }
        }
        return [
            subscribe("subscribe", .channel), subscribe("psubscribe", .pattern),
            subscribe("ssubscribe", .shard, keys: .all),
            unsubscribe("unsubscribe", .channel), unsubscribe("punsubscribe", .pattern),
            unsubscribe("sunsubscribe", .shard, keys: .all),
        ]
    }()

    /// PUBSUB CHANNELS / NUMSUB / NUMPAT / SHARDCHANNELS / SHARDNUMSUB / HELP.
    private static let pubSubIntrospection: [CommandSpec] = {
        let flags = ["pubsub", "loading", "stale"]
        @Sendable func channelList(_ ctx: CommandContext, _ table: [ByteString: [SimulatorClient]]) throws(RedisError) -> RESPValue {
            guard ctx.count <= 3 else { throw RedisError.subcommandSyntax(ctx) }
            let pattern = ctx.count == 3 ? GlobPattern(ctx[2]) : nil
            return .array(table.keys.filter { pattern?.matches($0) ?? true }.map { .bulk($0) })
        }
        @Sendable func numsub(_ ctx: CommandContext, _ table: [ByteString: [SimulatorClient]]) -> RESPValue {
            .array(ctx.args.dropFirst(2).flatMap { [RESPValue.bulk($0), .integer(Int64(table[$0]?.count ?? 0))] })
        }
        return [
            CommandSpec("pubsub|channels", arity: -2, flags: flags, categories: ["@pubsub", "@slow"]) { ctx in
                try channelList(ctx, ctx.server.pubsub.channels)
            },
            CommandSpec("pubsub|shardchannels", arity: -2, flags: flags, categories: ["@pubsub", "@slow"]) { ctx in
                try channelList(ctx, ctx.server.pubsub.shardChannels)
            },
            CommandSpec("pubsub|numsub", arity: -2, flags: flags, categories: ["@pubsub", "@slow"]) { ctx in
                numsub(ctx, ctx.server.pubsub.channels)
            },
            CommandSpec("pubsub|shardnumsub", arity: -2, flags: flags, categories: ["@pubsub", "@slow"]) { ctx in
                numsub(ctx, ctx.server.pubsub.shardChannels)
            },
            CommandSpec("pubsub|numpat", arity: 2, flags: flags, categories: ["@pubsub", "@slow"]) { ctx in
                .integer(Int64(ctx.server.pubsub.patterns.count))
            },
            CommandSpec("pubsub|help", arity: 2, flags: ["loading", "stale"], categories: ["@slow"]) { _ in
                .array([
                    "PUBSUB <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                    "CHANNELS [<pattern>]",
                    "    Return the currently active channels matching a <pattern> (default: '*').",
                    "NUMPAT",
                    "    Return number of subscriptions to patterns.",
                    "NUMSUB [<channel> ...]",
                    "    Return the number of subscribers for the specified channels, excluding",
                    "    pattern subscriptions(default: no channels).",
                    "SHARDCHANNELS [<pattern>]",
                    "    Return the currently active shard level channels matching a <pattern> (default: '*').",
                    "SHARDNUMSUB [<shardchannel> ...]",
                    "    Return the number of subscribers for the specified shard level channel(s)",
                    "HELP",
                    "    Prints this help.",
                ].map { RESPValue.simpleString($0) })
            },
        ]
    }()
}

extension CommandContext {
    /// Answers several replies: the first is returned, the others follow it (see `ExecutionResult.replies`).
    func reply(_ replies: [RESPValue]) -> RESPValue {
        client.extraReplies += replies.dropFirst()
        return replies[0]
    }
}

extension RedisError {
    /// `ERR unknown subcommand or wrong number of arguments for '<sub>'. Try <CMD> HELP.`
    static func subcommandSyntax(_ ctx: CommandContext) -> RedisError {
        .unknownSubcommandOrArity(ServerState.truncated(ctx[1]), parent: ctx.spec.parentName)
    }
}

extension ServerState {
    /// RESET: leaves MULTI, forgets WATCHes and subscriptions, selects database 0, clears the name
    /// and the authentication.
    func resetClient(_ client: SimulatorClient) {
        discardTransaction(client)
        unsubscribeAll(client)
        client.databaseIndex = 0
        client.name = nil
        client.protocolVersion = 2
        disableTracking(client)
        // Redis puts the client back on the default user: with requirepass set, it must AUTH again.
        resetUser(of: client)
    }
}
