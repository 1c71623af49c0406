extension CommandContext {
    /// Redis's proto-max-bulk-len, the longest string a bit command may build.
    var protoMaxBulkLength: Int64 { server.config.protoMaxBulkLength }

    /// Argument `index` as a bit offset (Redis's getBitOffsetFromArgument): a non-negative
    /// integer whose byte lies within proto-max-bulk-len; with `fieldBits`, `#n` means n fields
    /// of that width.
    func bitOffset(at index: Int, fieldBits: Int? = nil) throws(RedisError) -> UInt64 {
        let error = RedisError("ERR bit offset is not an integer or out of range")
        var text = args[index]
        var multiplier: Int64 = 1
        if let fieldBits, text.count > 0, text.firstByte == UInt8(ascii: "#") {
            text = ByteString(Array(text.bytes.dropFirst()))
            multiplier = Int64(fieldBits)
        }
        guard let number = text.int64Value else { throw error }
        let (offset, overflow) = number.multipliedReportingOverflow(by: multiplier)
        guard !overflow, offset >= 0, offset >> 3 < protoMaxBulkLength else { throw error }
        return UInt64(offset)
    }

    /// The string at `key` for a bit write (Redis's lookupStringForBitCommand): created empty
    /// when absent, then zero-extended to hold byte `lastByte`, and edited in place by `body`,
    /// which learns whether the string was created or grew.
    func editBitString<R>(_ key: ByteString, lastByte: Int, _ body: (inout [UInt8], _ grew: Bool) -> R) throws(RedisError) -> R {
        let oldCount: Int
        switch peek(key) {
        case nil:
            setKey(key, .string(ByteString([])))
            oldCount = -1
        case .string(let string)?:
            oldCount = string.count
        default:
            throw .wrongType
        }
        return db.editString(key, zeroExtendingTo: lastByte + 1) { bytes in body(&bytes, bytes.count != oldCount) }!
    }
}
