import RESP

extension ByteString {
    /// The value as Redis's `string2ll` reads it: optional `-`, digits, no `+`, spaces or
    /// leading zeros, within Int64; nil otherwise.
    public var int64Value: Int64? {
        guard count > 0, count <= 20 else { return nil }
        return withUnsafeBytes { RESPDecimal.parse($0) }
    }

    /// The decimal text of `value`, as Redis writes integers.
    public init(_ value: Int64) { self.init(String(value)) }
}

extension CommandContext {
    /// Argument `index` as an integer, or Redis's "not an integer" error.
    public func integer(at index: Int) throws(RedisError) -> Int64 {
        guard let value = args[index].int64Value else { throw .notInteger }
        return value
    }

    /// Argument `index` as a C `int`, as Redis's getIntFromObjectOrReply reads it (SELECT, COPY
    /// … DB): "not an integer" past Int64, its own range error past Int32.
    public func int32(at index: Int) throws(RedisError) -> Int32 {
        let value = try integer(at: index)
        guard let narrow = Int32(exactly: value) else {
            throw RedisError("ERR value is out of range, value must between \(Int32.min) and \(Int32.max)")
        }
        return narrow
    }
}
