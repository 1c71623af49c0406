/// How long a live connection waits, and whether it reconnects.
public struct LiveRedisOptions: Sendable, Equatable {
    /// The longest wait for a TCP or unix-socket connection, AUTH and SELECT.
    public var connectTimeout: Duration
    /// The longest wait for a reply; blocking commands (BLPOP, XREAD BLOCK, …) wait as long as
    /// they asked instead.
    public var commandTimeout: Duration
    /// Whether a command sent after the connection dropped opens a new one.
    public var reconnects: Bool

    public init(connectTimeout: Duration = .seconds(5), commandTimeout: Duration = .seconds(30), reconnects: Bool = true) {
        self.connectTimeout = connectTimeout
        self.commandTimeout = commandTimeout
        self.reconnects = reconnects
    }
}
