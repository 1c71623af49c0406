extension RedisError {
    static let stringTooLong = RedisError("ERR string exceeds maximum allowed size (proto-max-bulk-len)")
}

extension CommandContext {
    /// Refuses a string of `size + append` bytes longer than `proto-max-bulk-len`, as Redis's
    /// checkStringLength does for APPEND and SETRANGE; a sum past Int64 is refused the same way,
    /// since an offset such as 2^63 - 1 is a client's to send.
    func checkStringLength(_ size: Int64, appending append: Int64) throws(RedisError) {
        let (total, overflow) = size.addingReportingOverflow(append)
        guard !overflow, total <= server.config.protoMaxBulkLength else { throw .stringTooLong }
    }
}
