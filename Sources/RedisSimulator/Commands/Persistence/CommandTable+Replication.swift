import RESP

/// ROLE, REPLICAOF and SLAVEOF (Redis's roleCommand and replicaofCommand): REPLICAOF host port
/// makes the simulator follow a primary, which the server's transport connects to (over
/// `serve`; in-process nothing connects and the link stays in `connect`); NO ONE promotes it.
extension CommandTable {
    static let replicationCommands: [CommandSpec] = [
        CommandSpec("role", arity: 1, flags: ["noscript", "loading", "stale", "fast"], categories: ["@admin", "@fast", "@dangerous"], handler: role),
        CommandSpec("replicaof", arity: 3, flags: ["admin", "noscript", "stale", "no_async_loading"],
                    categories: ["@admin", "@slow", "@dangerous"], handler: replicaOf),
        CommandSpec("slaveof", arity: 3, flags: ["admin", "noscript", "stale", "no_async_loading"],
                    categories: ["@admin", "@slow", "@dangerous"], handler: replicaOf),
    ]

    @Sendable static func replicaOf(_ ctx: CommandContext) throws -> RESPValue {
        let server = ctx.server
        if ctx.argument(1, is: "no"), ctx.argument(2, is: "one") {
            server.stopFollowing()
            return .ok
        }
        if server.replication.replicas[ctx.client.id] != nil {
            throw RedisError("ERR Command is not valid when client is a replica.")
        }
        guard let port = ctx[2].int64Value, (0...65535).contains(port) else { throw RedisError("ERR Invalid master port") }
        let host = ctx[1].string
        if let link = server.replication.primary, link.host.lowercased() == host.lowercased(), link.port == port {
            return .simpleString("OK Already connected to specified master")
        }
        server.follow(host: host, port: port)
        return .ok
    }

    @Sendable static func role(_ ctx: CommandContext) -> RESPValue {
        let replication = ctx.server.replication
        if let link = replication.primary {
            let applied: Int64 = link.phase == .connected ? (link.appliedOffset ?? -1) : -1
            return .array([.bulk("slave"), .bulk(link.host), .integer(link.port), .bulk(link.phase.rawValue), .integer(applied)])
        }
        let replicas = replication.replicas.values.sorted { $0.client.id < $1.client.id }.map { replica in
            RESPValue.array([
                .bulk(replica.client.host), .bulk(ByteString(replica.listeningPort)), .bulk(ByteString(replica.acknowledgedOffset)),
            ])
        }
        return .array([.bulk("master"), .integer(replication.offset), .array(replicas)])
    }
}

extension SimulatorClient {
    /// The address's host part (CLIENT LIST's addr without the port), 127.0.0.1 when unknown.
    var host: String {
        let host = address.split(separator: ":").dropLast().joined(separator: ":")
        return host.isEmpty ? "127.0.0.1" : host
    }
}
