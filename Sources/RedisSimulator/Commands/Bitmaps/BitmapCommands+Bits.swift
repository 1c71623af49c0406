import RESP

extension CommandTable {
    static let bitmapBitCommands: [CommandSpec] = [
        CommandSpec("setbit", arity: 4, flags: ["write", "denyoom"], keys: .single, categories: ["@write", "@bitmap", "@slow"]) { ctx in
            let offset = try ctx.bitOffset(at: 2)
            let bitError = RedisError("ERR bit is not an integer or out of range")
            guard let on = ctx[3].int64Value else { throw bitError }
            guard on & ~1 == 0 else { throw bitError }
            let byte = Int(offset >> 3), shift = 7 - UInt8(offset & 7)
            let (old, changed) = try ctx.editBitString(ctx[1], lastByte: byte) { bytes, grew in
                let old = bytes[byte] >> shift & 1
                bytes[byte] = bytes[byte] & ~(1 << shift) | UInt8(on) << shift
                return (old, grew || Int64(old) != on)
            }
            if changed {
                ctx.signalModified(ctx[1])
                ctx.notify(.string, "setbit", ctx[1])
            }
            return .integer(Int64(old))
        },
        CommandSpec("getbit", arity: 3, flags: ["readonly", "fast"], keys: .single, categories: ["@read", "@bitmap", "@fast"]) { ctx in
            let offset = try ctx.bitOffset(at: 2)
            guard let value = try ctx.lookupString(ctx[1]) else { return .integer(0) }
            let byte = Int(offset >> 3)
            return .integer(value.withUnsafeBytes { byte < $0.count ? Int64($0[byte] >> (7 - UInt8(offset & 7)) & 1) : 0 })
        },
    ]
}
