extension ACLSelector {
    /// The command rules that rebuild this selector's commands, as ACL LIST and GETUSER show
    /// them (Redis's ACLDescribeSelectorCommandRules): `+@all` or `-@all`, then the categories
    /// that fit best, then single commands to make the set exact.
    func commandRules(table: CommandTable) -> String {
        let additive = !allowsFutureCommands
        var rules = [additive ? "-@all" : "+@all"]
        var fake = ACLSelector()
        try? fake.apply(ByteString(rules[0]), table: table)
        // Categories are tried against a copy whose matched bits are taken away as they are used.
        var remaining = self
        var applied: Set<ACLCategory> = []
        let specs = table.allSpecs
        while true {
            var best: ACLCategory?
            var minDifferent = Int.max, maxSame = 0
            for category in ACLCategory.allCases where !applied.contains(category) {
                var on = 0, off = 0
                for spec in specs where spec.aclCategories.contains(category) {
                    if remaining.allowedCommands.contains(spec.name) { on += 1 } else { off += 1 }
                }
                let different = additive ? off : on, same = additive ? on : off
                if same > different, different < minDifferent || (different == minDifferent && same > maxSame) {
                    best = category
                    minDifferent = different
                    maxSame = same
                }
            }
            guard let category = best else { break }
            let sign = additive ? "+" : "-"
            try? fake.apply(ByteString(sign + "@" + category.rawValue), table: table)
            try? remaining.apply(ByteString((additive ? "-" : "+") + "@" + category.rawValue), table: table)
            rules.append(sign + "@" + category.rawValue)
            applied.insert(category)
        }
        for spec in specs {
            let mine = allowedCommands.contains(spec.name)
            if mine != fake.allowedCommands.contains(spec.name) {
                rules.append((mine ? "+" : "-") + spec.name)
                fake.change(spec, allow: mine)
            }
            if !mine, let arguments = allowedFirstArguments[spec.name] {
                rules += arguments.map { "+" + spec.name + "|" + $0 }
            }
        }
        return rules.joined(separator: " ")
    }

    /// Keys, channels and commands, as ACL LIST writes a selector.
    func described(table: CommandTable) -> String {
        var parts: [String] = []
        if allKeys { parts.append("~*") } else { parts += keyPatterns.map(\.described) }
        if allChannels {
            parts.append("&*")
        } else {
            parts.append("resetchannels")
            parts += channelPatterns.map { "&" + $0.string }
        }
        parts.append(commandRules(table: table))
        return parts.joined(separator: " ")
    }

    /// The `keys` field of ACL GETUSER.
    var keysField: String { allKeys ? "~*" : keyPatterns.map(\.described).joined(separator: " ") }

    /// The `channels` field of ACL GETUSER.
    var channelsField: String { allChannels ? "&*" : channelPatterns.map { "&" + $0.string }.joined(separator: " ") }
}

extension ACLUser {
    /// The user's rules as ACL LIST shows them after `user <name> `.
    func described(table: CommandTable) -> String {
        var parts = [enabled ? "on" : "off"]
        if noPassword { parts.append("nopass") }
        if let sanitizesPayload { parts.append(sanitizesPayload ? "sanitize-payload" : "skip-sanitize-payload") }
        parts += passwordHashes.map { "#" + $0 }
        parts.append(root.described(table: table))
        var text = parts.joined(separator: " ")
        for selector in selectors { text += " (" + selector.described(table: table) + ")" }
        return text
    }

    /// The flags ACL GETUSER lists.
    var flagNames: [String] {
        [enabled ? "on" : "off"] + (noPassword ? ["nopass"] : [])
            + (sanitizesPayload.map { [$0 ? "sanitize-payload" : "skip-sanitize-payload"] } ?? [])
    }
}
