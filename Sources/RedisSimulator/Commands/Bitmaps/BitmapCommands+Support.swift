extension CommandContext {
    /// Redis's proto-max-bulk-len, the longest string a bit command may build.
    var protoMaxBulkLength: Int64 { server.config.protoMaxBulkLength }

    /// Argument `index` as a bit offset (Redis's getBitOffsetFromArgument): a non-negative
    /// integer whose byte lies within proto-max-bulk-len.
    func bitOffset(at index: Int) throws(RedisError) -> UInt64 {
        try bitOffset(digits: args[index].bytes[...], multiplier: 1)
    }

    /// A BITFIELD offset: a bit offset, or `#n` for n fields of `bits` bits.
    ///
    /// Written with plain indexes on purpose: an earlier form (a ByteString reassigned when it
    /// began with `#`) parsed correctly in debug builds but read every offset as if it began
    /// with `#` in release builds.
    func bitfieldOffset(at index: Int, bits: Int) throws(RedisError) -> UInt64 {
        let argument = args[index].bytes
        let hashSign: UInt8 = 0x23
        if argument.count > 1 && argument[0] == hashSign {
            return try bitOffset(digits: argument[1...], multiplier: Int64(bits))
        }
        return try bitOffset(digits: argument[...], multiplier: 1)
    }

    private func bitOffset(digits: ArraySlice<UInt8>, multiplier: Int64) throws(RedisError) -> UInt64 {
        let error = RedisError("ERR bit offset is not an integer or out of range")
        guard let number = ByteString(Array(digits)).int64Value else { throw error }
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
