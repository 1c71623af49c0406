import RESP

/// An error reply, with Redis's exact text (no display prefix such as "(error)").
public struct RedisError: Error, Sendable, Equatable {
    /// The reply line as sent on the wire, byte for byte: an argument echoed back keeps its
    /// bytes, UTF-8 or not, as Redis's `%s` writes them.
    public let line: RESPLine

    /// The reply text, e.g. `ERR syntax error` or `WRONGTYPE …` (bytes that are not UTF-8 read
    /// as U+FFFD; `line` has them exactly).
    public var message: String { line.text }

    /// An error with the given wire text. A `\r` or `\n` in it (from a client's own argument,
    /// echoed back) becomes a space, as Redis's error replies make it, so that no argument can
    /// end the error line early and break the framing of the replies after it; at the very end
    /// they are dropped instead, as Redis's addReplyErrorFormat trims them.
    @_disfavoredOverload
    public init(_ message: String) {
        line = message.utf8.contains(where: { $0 == 13 || $0 == 10 }) ? Self.sanitized(Array(message.utf8)) : RESPLine(message)
    }

    /// An error whose text interpolates clients' arguments (`ErrorText`) with their own bytes.
    public init(_ message: Message) {
        self.init(bytes: message.bytes)
    }

    /// An error of exactly these bytes, sanitised as `init(_:)` says.
    public init(bytes: [UInt8]) {
        line = bytes.contains(where: { $0 == 13 || $0 == 10 }) ? Self.sanitized(bytes) : RESPLine(bytes: bytes)
    }

    private static func sanitized(_ message: [UInt8]) -> RESPLine {
        var bytes = message
        while let last = bytes.last, last == 13 || last == 10 { bytes.removeLast() }
        return RESPLine(bytes: bytes.map { $0 == 13 || $0 == 10 ? 32 : $0 })
    }

    /// An error's text being written: literal text, numbers and names as UTF-8, and a client's
    /// argument (`ErrorText`) as its bytes.
    public struct Message: ExpressibleByStringInterpolation, Sendable {
        var bytes: [UInt8]

        public init(stringLiteral value: String) { bytes = Array(value.utf8) }

        public init(stringInterpolation: Interpolation) { bytes = stringInterpolation.bytes }

        /// The pieces of a `Message`.
        public struct Interpolation: StringInterpolationProtocol, Sendable {
            var bytes: [UInt8] = []

            public init(literalCapacity: Int, interpolationCount: Int) { bytes.reserveCapacity(literalCapacity + 16 * interpolationCount) }

            public mutating func appendLiteral(_ literal: String) { bytes += literal.utf8 }

            /// A client's argument, byte for byte.
            public mutating func appendInterpolation(_ text: ErrorText) { bytes += text.bytes }

            /// Anything else, as Swift prints it.
            public mutating func appendInterpolation<Value>(_ value: Value) { bytes += String(describing: value).utf8 }
        }
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
