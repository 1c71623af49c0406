import RESP

extension ServerState {
    /// The text of a failed AUTH, HELLO AUTH or MIGRATE AUTH.
    static let wrongPassword = RedisError("WRONGPASS invalid username-password pair or user is disabled.")

    /// Logs `client` in as `user` (AUTH, HELLO's AUTH): on a wrong pair, logs the refusal
    /// (object: the command's name) and throws WRONGPASS.
    func authenticate(_ client: SimulatorClient, user name: ByteString, password: ByteString, command: ByteString) throws(RedisError) {
        guard let user = acl.user(named: name), user.accepts(password) else {
            let context = client.transaction.inMulti ? "multi" : "toplevel"
            recordACLRefusal(client: client, reason: "auth", context: context, object: command, username: name)
            throw Self.wrongPassword
        }
        client.user = user
        client.isAuthenticated = true
    }

    /// Closes the connections of `user` subscribed to a channel or pattern its rules no longer
    /// allow (Redis's ACLKillPubsubClientsIfNeeded); `current` closes after its reply.
    func disconnectSubscribersLosingChannels(of user: ACLUser, except current: SimulatorClient) {
        for client in clients.values where client.user === user && client.subscriptions.isActive {
            let subscriptions = client.subscriptions
            let lost = subscriptions.channels.contains { !user.mayUse(channel: $0, isPattern: false) }
                || subscriptions.shardChannels.contains { !user.mayUse(channel: $0, isPattern: false) }
                || subscriptions.patterns.contains { !user.mayUse(channel: $0, isPattern: true) }
            guard lost else { continue }
            if client === current { client.closeAfterReply = true } else { killClient(client) }
        }
    }

    /// Puts a client back on the default user (RESET, a deleted user).
    func resetUser(of client: SimulatorClient) {
        client.user = acl.defaultUser
        client.isAuthenticated = acl.defaultUser.noPassword && acl.defaultUser.enabled
    }

    /// True when `client` must authenticate before running commands other than `no_auth` ones.
    func requiresAuthentication(_ client: SimulatorClient) -> Bool {
        !client.isAuthenticated && acl.defaultUserRequiresAuth
    }

    /// Checks a command against the client's user; a refusal is logged with `context`, under
    /// `caller`'s CLIENT INFO when a script runs it.
    func aclRefusal(_ spec: CommandSpec, _ args: [ByteString], client: SimulatorClient, context: String, caller: SimulatorClient? = nil) -> ACLDenial? {
        guard let user = client.user, !user.isUnrestricted, let denial = user.check(spec, args) else { return nil }
        let object: ByteString
        switch denial {
        case .command: object = ByteString(spec.name)
        case .key(let index), .channel(let index): object = args[index]
        }
        recordACLRefusal(client: caller ?? client, reason: denial.reason, context: context, object: object, username: user.name)
        return denial
    }

    func recordACLRefusal(client: SimulatorClient, reason: String, context: String, object: ByteString, username: ByteString) {
        let now = clock.nowMilliseconds()
        acl.record(ACLLogEntry(
            reason: reason, context: context, object: object, username: username, createdAt: now,
            clientInfo: clientInfoLine(client, now: now)))
    }
}

extension CommandContext {
    /// Logs this command's client in as `user` with `password` (AUTH, HELLO's AUTH option):
    /// throws WRONGPASS, and logs the refusal in ACL LOG, when the pair does not log in.
    public func authenticate(user: ByteString, password: ByteString) throws(RedisError) {
        try server.authenticate(client, user: user, password: password, command: args[0])
    }
}

extension RedisError {
    /// The reply to a command sent before AUTH when the default user needs a password.
    public static let noAuth = RedisError("NOAUTH Authentication required.")
}
