import RESP

extension CommandTable {
    static let bitmapOpCommands: [CommandSpec] = [
        CommandSpec("bitop", arity: -4, flags: ["write", "denyoom"], keys: KeyPositions(first: 2, last: -1, step: 1),
                    categories: ["@write", "@bitmap", "@slow"]) { ctx in
            let operation: (inout UInt8, UInt8) -> Void
            let isNot = ctx.argument(1, is: "not")
            if ctx.argument(1, is: "and") { operation = { $0 &= $1 } }
            else if ctx.argument(1, is: "or") { operation = { $0 |= $1 } }
            else if ctx.argument(1, is: "xor") { operation = { $0 ^= $1 } }
            else if isNot { operation = { _, _ in } }
            else { throw RedisError.syntax }
            if isNot && ctx.count != 4 { throw RedisError("ERR BITOP NOT must be called with a single source key.") }

            var sources: [ByteString?] = []
            for key in ctx.args[3...] { sources.append(try ctx.lookupString(key)) }
            let length = sources.map { $0?.count ?? 0 }.max() ?? 0
            let target = ctx[2]
            guard length > 0 else {
                if ctx.deleteKey(target) { ctx.notify(.generic, "del", target) }
                return .integer(0)
            }
            // Sources shorter than the longest read as zero bytes past their end.
            var result = [UInt8](repeating: 0, count: length)
            sources[0]?.withUnsafeBytes { first in result.withUnsafeMutableBytes { $0.copyMemory(from: first) } }
            if isNot {
                for i in 0..<length { result[i] = ~result[i] }
            } else {
                for source in sources.dropFirst() {
                    let bytes = source?.bytes ?? []
                    for i in 0..<length { operation(&result[i], i < bytes.count ? bytes[i] : 0) }
                }
            }
            ctx.setKey(target, .string(ByteString(result)))
            ctx.db.encodingOverrides[target] = "raw"
            ctx.notify(.string, "set", target)
            return .integer(Int64(length))
        },
    ]
}
