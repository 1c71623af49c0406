/// An error reply, with Redis's exact text (no display prefix such as "(error)").
public struct RedisError: Error, Sendable, Equatable {
    /// The reply text as sent on the wire, e.g. `ERR syntax error` or `WRONGTYPE …`.
    public let message: String

    /// An error with the given wire text. A `\r` or `\n` in it (from a client's own argument,
    /// echoed back) becomes a space, as Redis's error replies make it, so that no argument can
    /// end the error line early and break the framing of the replies after it; at the very end
    /// they are dropped instead, as Redis's addReplyErrorFormat trims them.
    public init(_ message: String) {
        self.message = message.utf8.contains(where: { $0 == 13 || $0 == 10 }) ? Self.sanitized(message) : message
    }

    private static func sanitized(_ message: String) -> String {
        var bytes = Array(message.utf8)
        while let last = bytes.last, last == 13 || last == 10 { bytes.removeLast() }
        return String(decoding: bytes.map { $0 == 13 || $0 == 10 ? 32 : $0 }, as: UTF8.self)
    }

    public static let syntax = RedisError("ERR syntax error")
    public static let wrongType = RedisError("WRONGTYPE Operation against a key holding the wrong kind of value")
    public static let notInteger = RedisError("ERR value is not an integer or out of range")
    public static let notFloat = RedisError("ERR value is not a valid float")
    public static let overflow = RedisError("ERR increment or decrement would overflow")
    public static let noSuchKey = RedisError("ERR no such key")
    public static let dbIndexOutOfRange = RedisError("ERR DB index is out of range")
    public static let invalidExpire = invalidExpireTime(in: "set")

    /// `ERR wrong number of arguments for 'name' command`, with the command's lowercase full name.
    public static func arity(_ fullName: String) -> RedisError {
        RedisError("ERR wrong number of arguments for '\(fullName)' command")
    }
}
