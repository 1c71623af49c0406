import RESP

extension CommandTable {
    /// COMMAND DOCS [name ...]: every top-level command without names, else each named
    /// command or `parent|sub` that exists (unknown names are left out, as Redis does).
    static let commandDocsSpec = commandSpec("command|docs", arity: -2) { ctx in
        let table = ctx.server.table
        guard ctx.count > 2 else {
            return .map(table.commands.keys.sorted().flatMap { name in
                [.bulk(name), commandDocs(table.commands[name]!)]
            })
        }
        var entries: [RESPValue] = []
        for name in ctx.args.dropFirst(2) {
            guard let spec = table.aclLookup(name.string) else { continue }
            entries += [.bulk(spec.name), commandDocs(spec)]
        }
        return .map(entries)
    }

    /// One command's COMMAND DOCS map, in Redis 7.0's key order; facts from Redis's docs
    /// table, sentences from ours.
    static func commandDocs(_ spec: CommandSpec) -> RESPValue {
        let docs = RedisCommandDocs.byName[spec.name]
        var fields: [RESPValue] = []
        if let summary = CommandDocsProse.summary(spec.name) {
            fields += [.bulk("summary"), .bulk(summary)]
        }
        if let docs {
            fields += [.bulk("since"), .bulk(docs.since)]
        }
        fields += [.bulk("group"), .bulk(docs?.group ?? "generic")]
        if let complexity = docs?.complexity {
            let text = complexity == "*" ? CommandDocsProse.complexity(spec.name) : complexity
            if let text { fields += [.bulk("complexity"), .bulk(text)] }
        }
        if let docs {
            if !docs.docFlags.isEmpty {
                fields += [.bulk("doc_flags"), .set(docs.docFlags.map { .simpleString($0) })]
            }
            if let version = docs.deprecatedSince { fields += [.bulk("deprecated_since"), .bulk(version)] }
            if let replacement = docs.replacedBy { fields += [.bulk("replaced_by"), .bulk(replacement)] }
            if !docs.historyVersions.isEmpty {
                let changes = CommandDocsProse.history(spec.name)
                fields += [.bulk("history"), .set(docs.historyVersions.enumerated().map { index, version in
                    .array([.bulk(version), .bulk(index < changes.count ? changes[index] : "")])
                })]
            }
            if !docs.arguments.isEmpty {
                fields += [.bulk("arguments"), argumentDocs(docs.arguments)]
            }
        }
        if !spec.subcommands.isEmpty {
            fields += [.bulk("subcommands"), .map(spec.subcommands.sorted { $0.name < $1.name }.flatMap { sub in
                [.bulk(sub.name), commandDocs(sub)]
            })]
        }
        return .map(fields)
    }

    /// An argument list as Redis's addReplyCommandArgList writes it.
    static func argumentDocs(_ arguments: [RedisCommandDocs.Argument]) -> RESPValue {
        .array(arguments.map { argument in
            var fields: [RESPValue] = [.bulk("name"), .bulk(argument.name), .bulk("type"), .bulk(argument.type)]
            if let index = argument.keySpecIndex { fields += [.bulk("key_spec_index"), .integer(Int64(index))] }
            if let token = argument.token { fields += [.bulk("token"), .bulk(token)] }
            if let since = argument.since { fields += [.bulk("since"), .bulk(since)] }
            if let version = argument.deprecatedSince { fields += [.bulk("deprecated_since"), .bulk(version)] }
            if !argument.flags.isEmpty { fields += [.bulk("flags"), .set(argument.flags.map { .simpleString($0) })] }
            if argument.type == "oneof" || argument.type == "block" {
                fields += [.bulk("arguments"), argumentDocs(argument.children)]
            }
            return .map(fields)
        })
    }
}
