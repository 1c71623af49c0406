import RESP

extension CommandTable {
    static let hyperLogLogCommands: [CommandSpec] = [
        CommandSpec("pfadd", arity: -2, flags: ["write", "denyoom", "fast"], keys: .single, categories: ["@write", "@hyperloglog", "@fast"]) { ctx in
            let key = ctx[1]
            var updated = 0
            if try ctx.lookupHyperLogLog(key, forWriting: true) == nil {
                ctx.setKey(key, .string(ByteString(HyperLogLog.empty())))
                updated += 1
            }
            let maxBytes = ctx.hyperLogLogSparseMaxBytes
            let corrupted = ctx.db.editString(key) { bytes in
                for element in ctx.args[2...] {
                    switch HyperLogLog.add(element, to: &bytes, sparseMaxBytes: maxBytes) {
                    case 1: updated += 1
                    case -1: return true
                    default: break
                    }
                }
                if updated > 0 { HyperLogLog.invalidateCache(&bytes) }
                return false
            }!
            if corrupted { throw HyperLogLog.corrupted }
            if updated > 0 {
                ctx.signalModified(key)
                ctx.notify(.string, "pfadd", key)
            }
            return .integer(updated > 0 ? 1 : 0)
        },
        CommandSpec("pfcount", arity: -2, flags: ["readonly"], keys: .all, categories: ["@read", "@hyperloglog", "@slow"]) { ctx in
            guard ctx.count == 2 else {
                var registers = [UInt8](repeating: 0, count: HyperLogLog.registerCount)
                for key in ctx.args[1...] {
                    guard let value = try ctx.lookupHyperLogLog(key) else { continue }
                    guard HyperLogLog.merge(value.bytes, into: &registers) else { throw HyperLogLog.corrupted }
                }
                return .integer(Int64(HyperLogLog.count(registers: registers)))
            }
            let key = ctx[1]
            guard try ctx.lookupHyperLogLog(key) != nil else { return .integer(0) }
            // The estimate is cached in the value's header, so a count may write it there.
            let (count, recomputed) = ctx.db.editString(key) { bytes -> (UInt64?, Bool) in
                if let cached = HyperLogLog.cachedCardinality(bytes) { return (cached, false) }
                guard let count = HyperLogLog.count(bytes) else { return (nil, false) }
                HyperLogLog.cacheCardinality(count, in: &bytes)
                return (count, true)
            }!
            guard let count else { throw HyperLogLog.corrupted }
            if recomputed { ctx.signalModified(key) }
            return .integer(Int64(bitPattern: count))
        },
        CommandSpec("pfmerge", arity: -2, flags: ["write", "denyoom"], keys: .all, categories: ["@write", "@hyperloglog", "@slow"]) { ctx in
            var registers = [UInt8](repeating: 0, count: HyperLogLog.registerCount)
            var useDense = false
            for key in ctx.args[1...] {
                guard let value = try ctx.lookupHyperLogLog(key) else { continue }
                let bytes = value.bytes
                if bytes[4] == HyperLogLog.dense { useDense = true }
                guard HyperLogLog.merge(bytes, into: &registers) else { throw HyperLogLog.corrupted }
            }
            let target = ctx[1]
            if ctx.peek(target) == nil { ctx.setKey(target, .string(ByteString(HyperLogLog.empty()))) }
            let maxBytes = ctx.hyperLogLogSparseMaxBytes
            let converted = ctx.db.editString(target) { bytes in
                if useDense && !HyperLogLog.sparseToDense(&bytes) { return false }
                for (index, register) in registers.enumerated() where register != 0 {
                    _ = HyperLogLog.setRegister(index, atLeast: register, in: &bytes, sparseMaxBytes: maxBytes)
                }
                HyperLogLog.invalidateCache(&bytes)
                return true
            }!
            guard converted else { throw HyperLogLog.corrupted }
            ctx.signalModified(target)
            ctx.notify(.string, "pfadd", target)
            return .simpleString("OK")
        },
    ] + hyperLogLogDebugCommands
}
