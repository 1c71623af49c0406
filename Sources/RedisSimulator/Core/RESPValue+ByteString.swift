import RESP

extension RESPValue {
    /// A bulk string reply holding `value`'s bytes.
    @inlinable public static func bulk(_ value: ByteString) -> RESPValue { .bulkString(value.bytes) }

    /// A bulk string reply, or a null bulk string when `value` is nil.
    @inlinable public static func bulkOrNull(_ value: ByteString?) -> RESPValue {
        value.map { .bulkString($0.bytes) } ?? .nullBulkString
    }
}
