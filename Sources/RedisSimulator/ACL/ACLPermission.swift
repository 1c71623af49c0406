/// Why ACL refused a command (Redis's ACL_DENIED_*), with the argument that caused it.
enum ACLDenial: Equatable {
    case command
    case key(index: Int)
    case channel(index: Int)

    /// Redis's order of relevance when no selector allows a command: command < key < channel.
    fileprivate var rank: Int {
        switch self {
        case .command: return 0
        case .key: return 1
        case .channel: return 2
        }
    }

    fileprivate var index: Int {
        switch self {
        case .command: return 0
        case .key(let index), .channel(let index): return index
        }
    }

    /// The reply to a refused command (processCommand's text).
    func error(for spec: CommandSpec) -> RedisError {
        switch self {
        case .command: return .noPermissionToRun(spec.name)
        case .key: return RedisError("NOPERM this user has no permissions to access one of the keys used as arguments")
        case .channel: return RedisError("NOPERM this user has no permissions to access one of the channels used as arguments")
        }
    }

    /// The middle of a refusal inside a script (getAclErrorMessage).
    var scriptText: String {
        switch self {
        case .command: return "can't run this command or subcommand"
        case .key: return "can't access at least one of the keys mentioned in the command arguments"
        case .channel: return "can't publish to the channel mentioned in the command"
        }
    }

    /// The reason a queued command fails at EXEC when its user lost the right meanwhile.
    var execText: String {
        switch self {
        case .command: return "no permission to execute the command or subcommand"
        case .key: return "no permission to touch the specified keys"
        case .channel: return "no permission to access one of the channels used as arguments"
        }
    }

    /// The log entry's `reason`.
    var reason: String {
        switch self {
        case .command: return "command"
        case .key: return "key"
        case .channel: return "channel"
        }
    }
}

extension ACLUser {
    /// Checks a command line against every selector (Redis's ACLCheckAllUserCommandPerm): nil
    /// when one allows it, else the most relevant refusal.
    func check(_ spec: CommandSpec, _ args: [ByteString]) -> ACLDenial? {
        var keys: [KeyReference]??
        var relevant = ACLDenial.command
        for selector in allSelectors {
            guard let denial = selector.check(spec, args, keys: &keys) else { return nil }
            if denial.rank > relevant.rank || (denial.rank == relevant.rank && denial.index > relevant.index) {
                relevant = denial
            }
        }
        return relevant
    }

    /// True when one selector allows publishing to or subscribing to `channel` (a pattern is
    /// compared literally, as Redis does).
    func mayUse(channel: ByteString, isPattern: Bool) -> Bool {
        allSelectors.contains { $0.allChannels || $0.allows(channel: channel, isPattern: isPattern) }
    }
}

extension ACLSelector {
    /// Redis's ACLSelectorCheckCmd. `keys` caches the command's keys across selectors.
    func check(_ spec: CommandSpec, _ args: [ByteString], keys: inout [KeyReference]??) -> ACLDenial? {
        if !spec.allowsUnauthenticated, !allowedCommands.contains(spec.name) {
            let argumentIndex = spec.name.contains("|") ? 2 : 1
            guard args.count >= 2, argumentIndex < args.count,
                let allowed = allowedFirstArguments[spec.name],
                allowed.contains(where: { $0.lowercased() == args[argumentIndex].string.lowercased() })
            else { return .command }
        }
        if !allKeys, spec.hasKeys {
            if keys == nil { keys = .some(spec.keyReferences(args)) }
            for key in (keys ?? nil) ?? [] where !allows(key: args[key.index], reads: key.reads, writes: key.writes) {
                return .key(index: key.index)
            }
        }
        if !allChannels {
            for (index, isPattern) in Self.channelArguments(spec, args)
            where !allows(channel: args[index], isPattern: isPattern) {
                return .channel(index: index)
            }
        }
        return nil
    }

    func allows(key: ByteString, reads: Bool, writes: Bool) -> Bool {
        if allKeys { return true }
        return keyPatterns.contains { pattern in
            (!reads || pattern.read) && (!writes || pattern.write) && GlobPattern(pattern.pattern).matches(key)
        }
    }

    func allows(channel: ByteString, isPattern: Bool) -> Bool {
        channelPatterns.contains { isPattern ? $0 == channel : GlobPattern($0).matches(channel) }
    }

    /// The channel arguments ACL checks (Redis's channel key specs): published to, subscribed
    /// to, or subscribed to as patterns. Unsubscribing is never refused.
    static func channelArguments(_ spec: CommandSpec, _ args: [ByteString]) -> [(Int, Bool)] {
        switch spec.name {
        case "publish", "spublish": return args.count > 1 ? [(1, false)] : []
        case "subscribe", "ssubscribe": return (1..<max(1, args.count)).map { ($0, false) }
        case "psubscribe": return (1..<max(1, args.count)).map { ($0, true) }
        default: return []
        }
    }
}
