/// What a command does to the client's own connection, or beyond its own keys, as a client of
/// either backend must know it before or after sending it: the simulator's command table is
/// not there when the server is a live Redis, so this is the one client-side home of that
/// knowledge (the REPL's prompt and history, the exercise sandbox, the live confinement).
public struct ClientCommandRole: Sendable, Equatable {
    /// The command's name, lowercased.
    public let name: String
    /// The words after the name, lowercased (subcommand, options, values).
    public let arguments: [String]

    /// The roles of the command line `words` (name first, as sent).
    public init(_ words: [String]) {
        let lower = words.map { $0.lowercased() }
        name = lower.first ?? ""
        arguments = Array(lower.dropFirst())
    }

    /// The roles of a command line sent as bytes.
    public init(bytes words: [[UInt8]]) {
        self.init(words.map { String(decoding: $0, as: UTF8.self) })
    }

    private var subcommand: String? { arguments.first }

    /// The database a successful SELECT switches to (the connection's own state).
    public var selectedDatabase: Int? {
        guard name == "select", arguments.count == 1 else { return nil }
        return Int(arguments[0])
    }

    /// MULTI: opens a transaction on this connection.
    public var opensTransaction: Bool { name == "multi" && arguments.isEmpty }

    /// DISCARD: drops the queued transaction.
    public var discardsTransaction: Bool { name == "discard" && arguments.isEmpty }

    /// EXEC: runs the queued transaction.
    public var executesTransaction: Bool { name == "exec" && arguments.isEmpty }

    /// RESET: the connection returns to its initial state (database 0, default user, no
    /// transaction or subscription).
    public var resetsConnection: Bool { name == "reset" }

    /// AUTH, HELLO … AUTH and RESET: the connection may afterwards act as another user.
    public var changesUser: Bool {
        switch name {
        case "auth", "reset": return true
        case "hello": return arguments.contains("auth")
        default: return false
        }
    }

    /// A password travels in the line (AUTH, HELLO/MIGRATE … AUTH/AUTH2, CONFIG SET of a
    /// password setting, ACL SETUSER), so, as redis-cli does, it is kept out of history files.
    public var carriesSecret: Bool {
        switch name {
        case "auth": return true
        case "hello", "migrate": return arguments.contains { $0 == "auth" || $0 == "auth2" }
        case "config":
            guard subcommand == "set" else { return false }
            return arguments.dropFirst().contains { Self.secretSettings.contains($0) }
        case "acl": return subcommand == "setuser"
        default: return false
        }
    }

    private static let secretSettings: Set<String> = ["requirepass", "masterauth", "masteruser"]

    /// Commands that reach beyond a connection's own keys (FLUSHALL, SELECT, MIGRATE), change
    /// or stop the server (SHUTDOWN, DEBUG, CONFIG SET), or hold up other clients (MONITOR,
    /// CLIENT PAUSE); their names as `CLIENT PAUSE` shows it, else nil.
    public var reachesBeyondOwnKeys: String? {
        if Self.serverWideCommands.contains(name) { return name.uppercased() }
        if let subcommand, Self.serverWideSubcommands[name]?.contains(subcommand) == true {
            return name.uppercased() + " " + subcommand.uppercased()
        }
        return nil
    }

    private static let serverWideCommands: Set<String> = [
        "flushall", "flushdb", "shutdown", "debug", "select", "swapdb", "move", "migrate", "replicaof", "slaveof",
        "save", "bgsave", "bgrewriteaof", "monitor", "function", "failover", "sync", "psync", "module",
    ]
    private static let serverWideSubcommands: [String: Set<String>] = [
        "config": ["set", "rewrite", "resetstat"],
        "client": ["kill", "pause"],
        "script": ["kill"],
    ]
}
