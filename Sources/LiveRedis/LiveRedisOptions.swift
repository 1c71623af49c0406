/// How long a live connection waits, and whether it reconnects.
public struct LiveRedisOptions: Sendable, Equatable {
    /// The longest wait for a TCP or unix-socket connection, AUTH and SELECT.
    public var connectTimeout: Duration
    /// The longest wait for a reply; blocking commands (BLPOP, XREAD BLOCK, …) wait as long as
    /// they asked instead.
    public var commandTimeout: Duration
    /// Whether a command sent after the connection dropped opens a new one.
    public var reconnects: Bool
    /// An ACL user the connection logs in as once the URL's database is selected (nil: stay the
    /// URL's user). A confined user may not run SELECT, so the URL's user selects for it.
    public var confinedLogin: LiveRedisLogin?

    public init(
        connectTimeout: Duration = .seconds(5), commandTimeout: Duration = .seconds(30), reconnects: Bool = true,
        confinedLogin: LiveRedisLogin? = nil
    ) {
        self.connectTimeout = connectTimeout
        self.commandTimeout = commandTimeout
        self.reconnects = reconnects
        self.confinedLogin = confinedLogin
    }
}

/// An ACL user name and password.
public struct LiveRedisLogin: Sendable, Equatable {
    public var user: String
    public var password: String

    public init(user: String, password: String) {
        self.user = user
        self.password = password
    }
}
