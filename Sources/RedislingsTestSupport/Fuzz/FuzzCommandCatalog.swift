import RESP

/// One command (or subcommand) the fuzzer may send: its words, arity and documented arguments.
public struct FuzzCommand: Sendable {
    /// The command's words: `["GET"]`, or `["CONFIG", "GET"]` for a subcommand.
    public var words: [String]
    /// Redis's arity (N exactly, -N at least N, both counting the words).
    public var arity: Int
    /// The documented arguments after the words.
    public var arguments: [FuzzArgument]
    /// True for commands that may block the client (the `blocking` flag, and WAIT).
    public var isBlocking: Bool
    /// True for commands that may change the dataset (the `write` flag).
    public var isWrite: Bool

    /// The name mismatches are counted under: `get`, `config|get`.
    public var name: String { words.map { $0.lowercased() }.joined(separator: "|") }
}

/// The commands of a reference redis-server, read from its `COMMAND` and `COMMAND DOCS` at the
/// start of a run, less those that would end or change the connection or the server itself.
public struct FuzzCommandCatalog: Sendable {
    public var commands: [FuzzCommand]

    /// Commands and subcommands never sent: they close or hijack the connection (QUIT, MONITOR,
    /// SUBSCRIBE, HELLO's RESP3, CLIENT REPLY/TRACKING/KILL/PAUSE, SCRIPT DEBUG's debugging
    /// sessions), stop or reconfigure the
    /// server (SHUTDOWN, DEBUG, CONFIG SET, ACL SETUSER, REPLICAOF), or reach outside it
    /// (MIGRATE, SAVE). Both servers would go the same way, and the comparison with them.
    public static let excluded: Set<String> = [
        "quit", "monitor", "subscribe", "psubscribe", "ssubscribe", "unsubscribe", "punsubscribe",
        "sunsubscribe", "hello", "shutdown", "debug", "sync", "psync", "replconf", "replicaof", "slaveof",
        "failover", "migrate", "save", "bgsave", "bgrewriteaof", "module", "config|set", "config|rewrite",
        "client|reply", "client|tracking", "client|kill", "client|pause", "acl|setuser", "acl|deluser",
        "acl|load", "acl|save", "pfselftest", "script|debug",
    ]

    /// Reads the catalog from a reference server's replies to `COMMAND` and `COMMAND DOCS`.
    public init(commandReply: RESPValue, docsReply: RESPValue) {
        var docsByName: [String: RESPValue] = [:]
        Self.collectDocs(docsReply, into: &docsByName)
        var commands: [FuzzCommand] = []
        for entry in commandReply.arrayValue ?? [] {
            Self.collect(entry, parent: nil, docs: docsByName, into: &commands)
        }
        self.commands = commands.sorted { $0.name < $1.name }
    }

    /// The names (`get`, `config|get`) of the commands and subcommands in a `COMMAND` reply.
    public static func names(inCommandReply reply: RESPValue) -> Set<String> {
        var names: Set<String> = []
        func visit(_ entry: RESPValue) {
            guard let info = entry.arrayValue, info.count >= 10, let name = info[0].stringValue?.lowercased() else { return }
            let subcommands = info[9].arrayValue ?? []
            if subcommands.isEmpty { names.insert(name) }
            subcommands.forEach(visit)
        }
        (reply.arrayValue ?? []).forEach(visit)
        return names
    }

    /// The commands to send to a server that implements only `served`: those it has, and those
    /// it lacks that cannot write (their error is still worth checking). A write command Redis
    /// has and the other server lacks would make the two keyspaces differ, and every command
    /// after it on those keys would differ too.
    public func restricted(to served: Set<String>) -> (catalog: FuzzCommandCatalog, missing: [String]) {
        var copy = self
        copy.commands = commands.filter { served.contains($0.name) || !$0.isWrite }
        return (copy, commands.map(\.name).filter { !served.contains($0) })
    }

    private static func collectDocs(_ reply: RESPValue, into table: inout [String: RESPValue]) {
        guard let items = reply.arrayValue else { return }
        var index = 0
        while index + 1 < items.count {
            if let name = items[index].stringValue?.lowercased() {
                table[name] = items[index + 1]
                if let fields = items[index + 1].arrayValue, let subs = value(of: "subcommands", in: fields) {
                    collectDocs(subs, into: &table)
                }
            }
            index += 2
        }
    }

    private static func value(of key: String, in fields: [RESPValue]) -> RESPValue? {
        var index = 0
        while index + 1 < fields.count {
            if fields[index].stringValue == key { return fields[index + 1] }
            index += 2
        }
        return nil
    }

    private static func collect(_ entry: RESPValue, parent: String?, docs: [String: RESPValue], into commands: inout [FuzzCommand]) {
        guard let info = entry.arrayValue, info.count >= 10, let name = info[0].stringValue?.lowercased(),
              let arity = info[1].integerValue
        else { return }
        let top = parent ?? name
        guard !excluded.contains(top), !excluded.contains(name) else { return }
        let flags = (info[2].arrayValue ?? []).compactMap(\.stringValue)
        let subcommands = info[9].arrayValue ?? []
        if !subcommands.isEmpty {
            for sub in subcommands { collect(sub, parent: name, docs: docs, into: &commands) }
            return
        }
        let words = name.split(separator: "|").map { $0.uppercased() }
        let documented = docs[name]?.arrayValue.flatMap { value(of: "arguments", in: $0) }?.arrayValue ?? []
        commands.append(FuzzCommand(
            words: words, arity: Int(arity), arguments: documented.compactMap(FuzzArgument.init(docs:)),
            isBlocking: flags.contains("blocking") || name == "wait", isWrite: flags.contains("write")))
    }
}
