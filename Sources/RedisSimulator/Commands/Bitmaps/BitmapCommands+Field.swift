import RESP

extension CommandTable {
    static let bitmapFieldCommands: [CommandSpec] = [
        CommandSpec("bitfield", arity: -2, flags: ["write", "denyoom"], keys: .single, categories: ["@write", "@bitmap", "@slow"]) { ctx in
            try bitfield(ctx, readOnly: false)
        },
        CommandSpec("bitfield_ro", arity: -2, flags: ["readonly", "fast"], keys: .single, categories: ["@read", "@bitmap", "@fast"]) { ctx in
            try bitfield(ctx, readOnly: true)
        },
    ]

    /// One BITFIELD subcommand, parsed.
    private struct BitfieldOperation {
        enum Kind { case get, set, incrby }
        let kind: Kind
        let offset: UInt64
        let bits: Int
        let signed: Bool
        let value: Int64
        let overflow: Bitfield.Overflow
    }

    /// BITFIELD and BITFIELD_RO (Redis's bitfieldGeneric): every subcommand parsed first, then
    /// run in order on one string, grown once to the highest bit written.
    private static func bitfield(_ ctx: CommandContext, readOnly: Bool) throws(RedisError) -> RESPValue {
        var operations: [BitfieldOperation] = []
        var overflow = Bitfield.Overflow.wrap
        var highestWrittenBit: UInt64?
        var j = 2
        while j < ctx.count {
            let remaining = ctx.count - j - 1
            let kind: BitfieldOperation.Kind
            if ctx.argument(j, is: "get") && remaining >= 2 { kind = .get }
            else if ctx.argument(j, is: "set") && remaining >= 3 { kind = .set }
            else if ctx.argument(j, is: "incrby") && remaining >= 3 { kind = .incrby }
            else if ctx.argument(j, is: "overflow") && remaining >= 1 {
                if ctx.argument(j + 1, is: "wrap") { overflow = .wrap }
                else if ctx.argument(j + 1, is: "sat") { overflow = .sat }
                else if ctx.argument(j + 1, is: "fail") { overflow = .fail }
                else { throw RedisError("ERR Invalid OVERFLOW type specified") }
                j += 2
                continue
            } else {
                throw RedisError.syntax
            }
            let (signed, bits) = try bitfieldType(ctx[j + 1])
            let offset = try ctx.bitfieldOffset(at: j + 2, bits: bits)
            var value: Int64 = 0
            if kind != .get {
                let last = offset + UInt64(bits) - 1
                highestWrittenBit = max(highestWrittenBit ?? 0, last)
                value = try ctx.integer(at: j + 3)
            }
            operations.append(BitfieldOperation(kind: kind, offset: offset, bits: bits, signed: signed, value: value, overflow: overflow))
            j += kind == .get ? 3 : 4
        }

        guard let highestWrittenBit else {
            let bytes = try ctx.lookupString(ctx[1])?.bytes ?? []
            return .array(operations.map { read($0, bytes) })
        }
        if readOnly { throw RedisError("ERR BITFIELD_RO only supports the GET subcommand") }
        let (replies, changes) = try ctx.editBitString(ctx[1], lastByte: Int(highestWrittenBit >> 3)) { bytes, grew in
            var replies: [RESPValue] = [], changes = 0
            for operation in operations {
                if operation.kind == .get {
                    replies.append(read(operation, bytes))
                } else if let (reply, changed) = write(operation, &bytes) {
                    replies.append(reply)
                    if grew || changed { changes += 1 }
                } else {
                    replies.append(.nullBulkString)
                }
            }
            return (replies, changes)
        }
        if changes > 0 {
            ctx.signalModified(ctx[1])
            ctx.notify(.string, "setbit", ctx[1])
        }
        return .array(replies)
    }

    /// `i1`…`i64` or `u1`…`u63`.
    private static func bitfieldType(_ text: ByteString) throws(RedisError) -> (signed: Bool, bits: Int) {
        let error = RedisError("ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.")
        let bytes = text.bytes
        guard let first = bytes.first, first == UInt8(ascii: "i") || first == UInt8(ascii: "u") else { throw error }
        let signed = first == UInt8(ascii: "i")
        guard let bits = ByteString(Array(bytes.dropFirst())).int64Value, bits >= 1, bits <= (signed ? 64 : 63) else { throw error }
        return (signed, Int(bits))
    }

    private static func read(_ operation: BitfieldOperation, _ bytes: [UInt8]) -> RESPValue {
        operation.signed
            ? .integer(Bitfield.signed(bytes, offset: operation.offset, bits: operation.bits))
            : .integer(Int64(bitPattern: Bitfield.unsigned(bytes, offset: operation.offset, bits: operation.bits)))
    }

    /// Runs a SET or INCRBY: its reply and whether the stored bits changed, or nil when
    /// OVERFLOW FAIL refused it.
    private static func write(_ operation: BitfieldOperation, _ bytes: inout [UInt8]) -> (RESPValue, Bool)? {
        let (offset, bits, rule) = (operation.offset, operation.bits, operation.overflow)
        if operation.signed {
            let old = Bitfield.signed(bytes, offset: offset, bits: bits)
            let incrementing = operation.kind == .incrby
            let check = incrementing
                ? Bitfield.checkSigned(old, operation.value, bits: bits, rule)
                : Bitfield.checkSigned(operation.value, 0, bits: bits, rule)
            if check.direction != 0 && rule == .fail { return nil }
            let new = check.direction != 0 ? check.limit : (incrementing ? old &+ operation.value : operation.value)
            Bitfield.set(&bytes, offset: offset, bits: bits, value: UInt64(bitPattern: new))
            return (.integer(incrementing ? new : old), old != new)
        }
        let old = Bitfield.unsigned(bytes, offset: offset, bits: bits)
        let incrementing = operation.kind == .incrby
        let given = UInt64(bitPattern: operation.value)
        let check = incrementing
            ? Bitfield.checkUnsigned(old, operation.value, bits: bits, rule)
            : Bitfield.checkUnsigned(given, 0, bits: bits, rule)
        if check.direction != 0 && rule == .fail { return nil }
        let new = check.direction != 0 ? check.limit : (incrementing ? old &+ given : given)
        Bitfield.set(&bytes, offset: offset, bits: bits, value: new)
        return (.integer(Int64(bitPattern: incrementing ? new : old)), old != new)
    }
}
