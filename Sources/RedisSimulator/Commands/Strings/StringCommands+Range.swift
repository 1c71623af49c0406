import RESP

extension CommandTable {
    static let stringRangeCommands: [CommandSpec] = [
        CommandSpec("append", arity: 3, flags: ["write", "denyoom", "fast"], keys: .single, categories: ["@write", "@string", "@fast"]) { ctx in
            guard let current = try ctx.lookupString(ctx[1]) else {
                ctx.setKey(ctx[1], .string(ctx[2]))
                ctx.notify(.string, "append", ctx[1])
                return .integer(Int64(ctx[2].count))
            }
            try ctx.checkStringLength(Int64(current.count), appending: Int64(ctx[2].count))
            var bytes = current.bytes
            bytes.append(contentsOf: ctx[2].bytes)
            ctx.overwriteValue(ctx[1], .string(ByteString(bytes)))
            ctx.db.encodingOverrides[ctx[1]] = "raw"
            ctx.notify(.string, "append", ctx[1])
            return .integer(Int64(bytes.count))
        },
        CommandSpec("strlen", arity: 2, flags: ["readonly", "fast"], keys: .single, categories: ["@read", "@string", "@fast"]) { ctx in
            .integer(Int64(try ctx.lookupString(ctx[1])?.count ?? 0))
        },
        CommandSpec("getrange", arity: 4, flags: ["readonly"], keys: .single, categories: ["@read", "@string", "@slow"], handler: getRange),
        // SUBSTR is GETRANGE's old name, still answered the same way.
        CommandSpec("substr", arity: 4, flags: ["readonly"], keys: .single, categories: ["@read", "@string", "@slow"], handler: getRange),
        CommandSpec("setrange", arity: 4, flags: ["write", "denyoom"], keys: .single, categories: ["@write", "@string", "@slow"]) { ctx in
            let offset = try ctx.integer(at: 2)
            guard offset >= 0 else { throw RedisError("ERR offset is out of range") }
            let patch = ctx[3]
            let current = try ctx.lookupString(ctx[1])
            if current == nil && patch.isEmpty { return .integer(0) }
            if let current, patch.isEmpty { return .integer(Int64(current.count)) }
            try ctx.checkStringLength(offset, appending: Int64(patch.count))
            var bytes = current?.bytes ?? []
            let end = Int(offset) + patch.count
            if bytes.count < end { bytes.append(contentsOf: repeatElement(0, count: end - bytes.count)) }
            bytes.replaceSubrange(Int(offset)..<end, with: patch.bytes)
            if current == nil { ctx.setKey(ctx[1], .string(ByteString(bytes))) } else { ctx.overwriteValue(ctx[1], .string(ByteString(bytes))) }
            ctx.db.encodingOverrides[ctx[1]] = "raw"
            ctx.notify(.string, "setrange", ctx[1])
            return .integer(Int64(bytes.count))
        },
    ]

    /// GETRANGE and SUBSTR: the bytes from start to end, inclusive, negative indexes from the end.
    @Sendable static func getRange(_ ctx: CommandContext) throws(RedisError) -> RESPValue {
        var start = try ctx.integer(at: 2), end = try ctx.integer(at: 3)
        guard let value = try ctx.lookupString(ctx[1]) else { return .bulk(ByteString([])) }
        let length = Int64(value.count)
        if start < 0 && end < 0 && start > end { return .bulk(ByteString([])) }
        if start < 0 { start += length }
        if end < 0 { end += length }
        if start < 0 { start = 0 }
        if end < 0 { end = 0 }
        if end >= length { end = length - 1 }
        if start > end || length == 0 { return .bulk(ByteString([])) }
        return .bulk(ByteString(Array(value.bytes[Int(start)...Int(end)])))
    }
}
