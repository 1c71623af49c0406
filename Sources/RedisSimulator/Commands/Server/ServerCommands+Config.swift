import RESP

extension CommandTable {
    static let configCommands: [CommandSpec] = [
        CommandSpec("config", arity: -2, flags: [], categories: ["@slow"], subcommands: [
            CommandSpec("config|get", arity: -3, flags: ["admin", "noscript", "loading", "stale"],
                        categories: ["@admin", "@slow", "@dangerous"]) { ctx in
                var seen: Set<String> = []
                var reply: [RESPValue] = []
                for index in 2..<ctx.count {
                    let pattern = ctx[index]
                    if let exact = ConfigParameter.named(pattern.string), !pattern.bytes.contains(where: { "*?[".utf8.contains($0) }) {
                        // Redis answers an exact name as it was asked (`MAXMEMORY` stays uppercase).
                        if seen.insert(pattern.string.lowercased()).inserted {
                            reply += [.bulk(pattern), .bulk(ctx.server.config.values[exact.name] ?? "")]
                        }
                        continue
                    }
                    let glob = GlobPattern(pattern, caseInsensitive: true)
                    for parameter in ConfigParameter.all {
                        for name in [parameter.name] + parameter.aliases where glob.matches(ByteString(name)) {
                            if seen.insert(name).inserted {
                                reply += [.bulk(name), .bulk(ctx.server.config.values[parameter.name] ?? "")]
                            }
                        }
                    }
                }
                return .map(reply)
            },
            CommandSpec("config|set", arity: -4, flags: ["admin", "noscript", "loading", "stale"],
                        categories: ["@admin", "@slow", "@dangerous"], secrets: .configSecrets) { ctx in
                guard ctx.count % 2 == 0 else { throw RedisError.syntax }
                var updates: [(ConfigParameter, String)] = []
                var named: Set<String> = []
                for index in stride(from: 2, to: ctx.count, by: 2) {
                    let name = ctx[index].string
                    guard let parameter = ConfigParameter.named(name) else {
                        throw RedisError("ERR Unknown option or number of arguments for CONFIG SET - '\(ctx[index].errorText)'")
                    }
                    guard named.insert(parameter.name).inserted else {
                        throw CommandTable.configSetFailed(name, "duplicate parameter")
                    }
                    switch parameter.normalize(ctx[index + 1].string, replacing: ctx.server.config.values[parameter.name]) {
                    case .success(let value): updates.append((parameter, value))
                    case .failure(let refusal):
                        throw CommandTable.configSetFailed(name, refusal.reason)
                    }
                }
                for (parameter, value) in updates { ctx.server.config.values[parameter.name] = value }
                // A lower maxmemory evicts at once, as Redis's CONFIG SET does.
                if updates.contains(where: { $0.0.name == "maxmemory" }) { ctx.server.evictAfterMaxmemoryChange(now: ctx.now) }
                return .ok
            },
            CommandSpec("config|resetstat", arity: 2, flags: ["admin", "noscript", "loading", "stale"],
                        categories: ["@admin", "@slow", "@dangerous"]) { ctx in
                ctx.server.stats = ServerStats()
                ctx.server.latency.resetHistograms()
                return .ok
            },
            CommandSpec("config|rewrite", arity: 2, flags: ["admin", "noscript", "loading", "stale"],
                        categories: ["@admin", "@slow", "@dangerous"]) { _ in
                throw RedisError("ERR The server is running without a config file")
            },
            CommandSpec("config|help", arity: 2, flags: ["loading", "stale"], categories: ["@slow"]) { _ in
                CommandTable.helpReply("CONFIG", [
                    "GET <pattern>",
                    "    Return parameters matching the glob-like <pattern> and their values.",
                    "SET <directive> <value>",
                    "    Set the configuration <directive> to <value>.",
                    "RESETSTAT",
                    "    Reset statistics reported by the INFO command.",
                    "REWRITE",
                    "    Rewrite the configuration file.",
                ])
            },
        ]) { _ in .ok },
    ]

    /// CONFIG SET's refusal of one of its arguments, with Redis's reason.
    private static func configSetFailed(_ argument: String, _ reason: String) -> RedisError {
        RedisError("ERR CONFIG SET failed (possibly related to argument '\(argument)') - \(reason)")
    }
}
