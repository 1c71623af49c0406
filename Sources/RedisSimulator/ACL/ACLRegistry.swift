import RESP

/// The server's ACL users and its ACL LOG (Redis's Users rax and ACLLog).
struct ACLRegistry {
    /// Users by name; `default` always exists.
    private(set) var users: [ByteString: ACLUser]
    let defaultUser: ACLUser
    /// ACL LOG, newest first.
    var log: [ACLLogEntry] = []
    /// `acllog-max-len`.
    var logLimit = 128
    /// `acl-pubsub-default allchannels`: new users and `reset` start with every channel.
    var newUsersGetAllChannels = false

    init(table: CommandTable) {
        defaultUser = ACLUser.makeDefault(table: table)
        users = ["default": defaultUser]
    }

    func user(named name: ByteString) -> ACLUser? { users[name] }

    /// Names in Redis's order (byte order, as its radix tree keeps them).
    var sortedNames: [ByteString] { users.keys.sorted { $0.bytes.lexicographicallyPrecedes($1.bytes) } }

    mutating func add(_ user: ACLUser) { users[user.name] = user }

    mutating func remove(named name: ByteString) -> ACLUser? { users.removeValue(forKey: name) }

    /// Adds a refusal to the log, folding it into a matching entry of the last ten that is at
    /// most a minute old (Redis's addACLLogEntry).
    mutating func record(_ entry: ACLLogEntry) {
        if let index = log.prefix(10).firstIndex(where: { $0.matches(entry) }) {
            var match = log.remove(at: index)
            match.count += 1
            match.clientInfo = entry.clientInfo
            match.createdAt = entry.createdAt
            log.insert(match, at: 0)
            return
        }
        log.insert(entry, at: 0)
        if log.count > logLimit { log.removeLast(log.count - logLimit) }
    }
}

/// One ACL LOG entry.
struct ACLLogEntry {
    var count = 1
    /// `command`, `key`, `channel` or `auth`.
    let reason: String
    /// `toplevel`, `multi` or `lua`.
    let context: String
    let object: ByteString
    let username: ByteString
    var createdAt: Int64
    var clientInfo: String

    func matches(_ other: ACLLogEntry) -> Bool {
        reason == other.reason && context == other.context && object == other.object
            && username == other.username && abs(createdAt - other.createdAt) <= 60_000
    }

    /// The entry as ACL LOG answers it, `age-seconds` counted to `now`: a map with a double in
    /// it, which RESP2 clients read as a flat array with the number as a bulk string.
    func reply(now: Int64) -> RESPValue {
        .map([
            .bulk("count"), .integer(Int64(count)), .bulk("reason"), .bulk(reason), .bulk("context"), .bulk(context),
            .bulk("object"), .bulk(object), .bulk("username"), .bulk(username),
            .bulk("age-seconds"), .double(Double(now - createdAt) / 1000),
            .bulk("client-info"), .bulk(clientInfo),
        ])
    }
}

extension ACLRegistry {
    /// `requirepass`: the default user's one password, or nopass when empty (Redis's
    /// ACLUpdateDefaultUserPassword).
    func setDefaultPassword(_ password: String?, table: CommandTable) {
        try? defaultUser.apply("resetpass", table: table)
        if let password {
            try? defaultUser.apply(ByteString(Array(">".utf8) + Array(password.utf8)), table: table)
        } else {
            try? defaultUser.apply("nopass", table: table)
        }
    }

    /// True when a client that has not authenticated must (Redis's authRequired).
    var defaultUserRequiresAuth: Bool { !defaultUser.noPassword || !defaultUser.enabled }
}

extension ACLRegistry {
    /// Takes `acllog-max-len` and `acl-pubsub-default` from the configuration.
    mutating func follow(_ config: ServerConfig) {
        logLimit = config.values["acllog-max-len"].flatMap { Int($0) } ?? 128
        if log.count > logLimit { log.removeLast(log.count - logLimit) }
        newUsersGetAllChannels = config.values["acl-pubsub-default"] == "allchannels"
    }
}
