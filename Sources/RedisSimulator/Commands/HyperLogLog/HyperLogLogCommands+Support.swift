extension CommandContext {
    /// `hll-sparse-max-bytes`: the longest a sparse HyperLogLog grows before it turns dense.
    var hyperLogLogSparseMaxBytes: Int {
        server.config.values["hll-sparse-max-bytes"].flatMap { Int($0) } ?? 3000
    }

    /// The HyperLogLog bytes at `key` read as a command reads them (nil when absent), after
    /// Redis's checks: WRONGTYPE for other types and for strings that are not HyperLogLogs.
    func lookupHyperLogLog(_ key: ByteString, forWriting: Bool = false) throws(RedisError) -> ByteString? {
        let value = forWriting ? peek(key) : lookup(key)
        switch value {
        case nil: return nil
        case .string(let string)?:
            guard string.withUnsafeBytes({ HyperLogLog.isValid($0) }) else { throw HyperLogLog.notHyperLogLog }
            return string
        default: throw .wrongType
        }
    }
}
