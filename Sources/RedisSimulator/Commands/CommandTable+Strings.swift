import RESP

extension CommandTable {
    static let stringCommands: [CommandSpec] = [
        CommandSpec("get", arity: 2, flags: ["readonly", "fast"], keys: .single, categories: ["@read", "@string", "@fast"]) { ctx in
            .bulkOrNull(try ctx.lookupString(ctx[1]))
        },
        CommandSpec("set", arity: -3, flags: ["write", "denyoom"], keys: .single, categories: ["@write", "@string", "@slow"]) { ctx in
            ctx.setKey(ctx[1], .string(ctx[2]))
            ctx.notify(.string, "set", ctx[1])
            return .ok
        },
    ]
}
