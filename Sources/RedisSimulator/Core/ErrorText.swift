/// A client's argument as an error message quotes it: its bytes up to a NUL, kept exactly, so a
/// `RedisError` interpolating it echoes what was sent, as Redis does, UTF-8 or not.
public struct ErrorText: Sendable, Equatable, CustomStringConvertible {
    /// The bytes, as written into the error.
    public let bytes: [UInt8]

    /// The text of `bytes`.
    public init(bytes: [UInt8]) { self.bytes = bytes }

    /// The bytes read as UTF-8 (invalid sequences as U+FFFD), where a String must hold them.
    public var description: String { String(decoding: bytes, as: UTF8.self) }
}
