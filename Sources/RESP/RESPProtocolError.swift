/// Input that is not valid RESP; `message` is the error text Redis replies with before it
/// closes the connection (for example `Protocol error: invalid multibulk length`).
public struct RESPProtocolError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The error reply's text, without the leading `-`.
    public let message: String

    /// Creates an error with Redis's text.
    public init(_ message: String) { self.message = message }

    public var description: String { message }

    @usableFromInline static let invalidMultibulkLength = RESPProtocolError("Protocol error: invalid multibulk length")
    @usableFromInline static let invalidBulkLength = RESPProtocolError("Protocol error: invalid bulk length")
    @usableFromInline static let unbalancedQuotes = RESPProtocolError("Protocol error: unbalanced quotes in request")
    @usableFromInline static let tooBigInlineRequest = RESPProtocolError("Protocol error: too big inline request")
    @usableFromInline static let tooBigMultibulkCount = RESPProtocolError("Protocol error: too big mbulk count string")
    @usableFromInline static let tooBigBulkCount = RESPProtocolError("Protocol error: too big bulk count string")
    @usableFromInline static let unauthenticatedMultibulkLength = RESPProtocolError(
        "Protocol error: unauthenticated multibulk length")
    @usableFromInline static let unauthenticatedBulkLength = RESPProtocolError("Protocol error: unauthenticated bulk length")

    @usableFromInline static func expectedDollar(got byte: UInt8) -> RESPProtocolError {
        RESPProtocolError("Protocol error: expected '$', got '\(Character(Unicode.Scalar(byte)))'")
    }
}
