import RESP

extension CommandTable {
    /// PFDEBUG and PFSELFTEST, Redis's internal commands for looking inside HyperLogLogs.
    static let hyperLogLogDebugCommands: [CommandSpec] = [
        CommandSpec("pfdebug", arity: 3, flags: ["write", "denyoom", "admin"], keys: KeyPositions(first: 2, last: 2, step: 1),
                    categories: ["@write", "@hyperloglog", "@admin", "@slow", "@dangerous"]) { ctx in
            let key = ctx[2]
            guard let value = try ctx.lookupHyperLogLog(key, forWriting: true) else {
                throw RedisError("ERR The specified key does not exist")
            }
            let isSparse = value.withUnsafeBytes { $0[4] } == HyperLogLog.sparse
            if ctx.argument(1, is: "getreg") {
                let bytes = try denseBytes(ctx, key, converting: isSparse)
                return .array((0..<HyperLogLog.registerCount).map { .integer(Int64(HyperLogLog.denseRegister(bytes, $0))) })
            }
            if ctx.argument(1, is: "decode") {
                guard isSparse else { throw RedisError("ERR HLL encoding is not sparse") }
                var words: [String] = []
                let bytes = value.bytes
                var position = HyperLogLog.headerSize
                while position < bytes.count {
                    let opcode = HyperLogLog.SparseOpcode(bytes, at: position)
                    switch opcode.kind {
                    case .zero: words.append("z:\(opcode.span)")
                    case .xzero: words.append("Z:\(opcode.span)")
                    case .val: words.append("v:\(opcode.value),\(opcode.span)")
                    }
                    position += opcode.size
                }
                return .bulk(ByteString(words.joined(separator: " ")))
            }
            if ctx.argument(1, is: "encoding") { return .simpleString(isSparse ? "sparse" : "dense") }
            if ctx.argument(1, is: "todense") {
                _ = try denseBytes(ctx, key, converting: isSparse)
                return .integer(isSparse ? 1 : 0)
            }
            throw RedisError("ERR Unknown PFDEBUG subcommand '\(ctx[1].errorText)'")
        },
        CommandSpec("pfselftest", arity: 1, flags: ["admin"], categories: ["@hyperloglog", "@admin", "@slow", "@dangerous"]) { ctx in
            if let failure = HyperLogLog.selfTest(sparseMaxBytes: ctx.hyperLogLogSparseMaxBytes) { throw RedisError("TESTFAILED " + failure) }
            return .simpleString("OK")
        },
    ]

    /// The value's bytes, first rewritten as dense in place when `converting`.
    private static func denseBytes(_ ctx: CommandContext, _ key: ByteString, converting: Bool) throws(RedisError) -> [UInt8] {
        let bytes = ctx.db.editString(key) { bytes -> [UInt8]? in
            if converting && !HyperLogLog.sparseToDense(&bytes) { return nil }
            return bytes
        }!
        guard let bytes else { throw HyperLogLog.corrupted }
        return bytes
    }
}
