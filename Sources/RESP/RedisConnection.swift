/// The one door every feature uses to reach Redis: the built-in simulator or a live server.
public protocol RedisConnection: AnyObject, Sendable {
    /// Sends one command (name first) and returns its reply; Redis error replies are returned, not thrown.
    func send(_ arguments: [[UInt8]]) async throws(RedisConnectionError) -> RESPValue

    /// Messages Redis pushes to this connection while it is subscribed (`message`, `pmessage`, …).
    var pushes: AsyncStream<RESPValue> { get }

    /// Closes the connection; the server drops its subscriptions and blocked state.
    func close() async

    /// True while the server holds this connection's command in a blocking wait (BLPOP,
    /// XREAD BLOCK, WAIT, …); nil when the connection cannot tell.
    var isParked: Bool? { get }

    /// Hands each pushed message to `handler` the moment it is delivered, instead of through
    /// `pushes`; false when the connection can only offer `pushes`.
    func deliverPushes(to handler: @escaping @Sendable (RESPValue) -> Void) -> Bool
}

extension RedisConnection {
    /// A connection to another process cannot see the server's blocked state.
    public var isParked: Bool? { nil }

    /// A connection to another process receives pushes on its reader task only.
    public func deliverPushes(to handler: @escaping @Sendable (RESPValue) -> Void) -> Bool { false }

    /// Sends a command given as text arguments.
    public func send(_ arguments: String...) async throws(RedisConnectionError) -> RESPValue {
        try await send(arguments.map { Array($0.utf8) })
    }

    /// Sends a command given as an array of text arguments.
    public func send(strings arguments: [String]) async throws(RedisConnectionError) -> RESPValue {
        try await send(arguments.map { Array($0.utf8) })
    }
}

/// A failure to talk to Redis at all (as opposed to an error reply from Redis).
public struct RedisConnectionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A sentence a learner can act on, naming the server and what to try.
    public let message: String

    /// Creates an error with a learner-facing message.
    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
