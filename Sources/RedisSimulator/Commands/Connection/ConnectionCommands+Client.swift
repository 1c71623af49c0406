import RESP

extension CommandTable {
    static let clientCommands: [CommandSpec] = [
        CommandSpec("client", arity: -2, flags: [], categories: ["@slow"], subcommands: [
            clientSpec("client|id", arity: 2) { ctx in .integer(ctx.client.id) },
            clientSpec("client|getname", arity: 2) { ctx in .bulkOrNull(ctx.client.name) },
            clientSpec("client|setname", arity: 3) { ctx in
                try validateClientName(ctx[2])
                ctx.client.name = ctx[2].isEmpty ? nil : ctx[2]
                return .ok
            },
            clientSpec("client|info", arity: 2) { ctx in
                .verbatim(ctx.server.clientInfoLine(ctx.client, now: ctx.now) + "\n")
            },
            clientSpec("client|list", arity: -2, admin: true) { ctx in
                var clients = ctx.server.clients.values.sorted { $0.id < $1.id }
                if ctx.count > 2 {
                    if ctx.argument(2, is: "TYPE"), ctx.count == 4 {
                        let type = ctx[3].uppercasedString
                        guard ["NORMAL", "MASTER", "REPLICA", "SLAVE", "PUBSUB"].contains(type) else {
                            throw RedisError.unknownClientType(ctx[3])
                        }
                        clients = clients.filter { ctx.server.clientType($0) == type }
                    } else if ctx.argument(2, is: "ID"), ctx.count >= 4 {
                        // Redis lists each id asked for that exists, in the order asked, repeats
                        // included; any integer is an id (no client has one below 1).
                        var ids: [Int64] = []
                        for index in 3..<ctx.count {
                            guard let id = ctx[index].int64Value else { throw RedisError("ERR Invalid client ID") }
                            ids.append(id)
                        }
                        clients = ids.compactMap { ctx.server.clients[$0] }
                    } else {
                        throw RedisError.syntax
                    }
                }
                return .verbatim(clients.map { ctx.server.clientInfoLine($0, now: ctx.now) + "\n" }.joined())
            },
            clientSpec("client|kill", arity: -3, admin: true, handler: clientKill),
            clientSpec("client|unblock", arity: -3, admin: true, handler: clientUnblock),
            clientSpec("client|no-evict", arity: 3, admin: true) { ctx in
                guard ctx.argument(2, is: "ON") || ctx.argument(2, is: "OFF") else { throw RedisError.syntax }
                ctx.client.noEvict = ctx.argument(2, is: "ON")
                return .ok
            },
            clientSpec("client|pause", arity: -3, admin: true, handler: clientPause),
            clientSpec("client|unpause", arity: 2, admin: true) { ctx in
                ctx.server.endPause()
                return .ok
            },
            clientSpec("client|reply", arity: 3) { ctx in
                if ctx.argument(2, is: "ON") {
                    ctx.client.replyMode.turnOn()
                } else if ctx.argument(2, is: "OFF") {
                    ctx.client.replyMode.turnOff()
                } else if ctx.argument(2, is: "SKIP") {
                    ctx.client.replyMode.skipNext()
                } else {
                    throw RedisError.syntax
                }
                return .ok
            },
        ] + clientTrackingCommands + [
            CommandSpec("client|help", arity: 2, flags: ["loading", "stale"], categories: ["@slow", "@connection"]) { _ in
                CommandTable.helpReply("CLIENT", [
                    "CACHING (YES|NO)",
                    "    Enable/disable tracking of the keys for next command in OPTIN/OPTOUT modes.",
                    "GETREDIR",
                    "    Return the client ID we are redirecting to when tracking is enabled.",
                    "GETNAME",
                    "    Return the name of the current connection.",
                    "ID",
                    "    Return the ID of the current connection.",
                    "INFO",
                    "    Return information about the current client connection.",
                    "KILL <ip:port>",
                    "    Kill connection made from <ip:port>.",
                    "KILL <option> <value> [<option> <value> [...]]",
                    "    Kill connections. Options are:",
                    "    * ADDR (<ip:port>|<unixsocket>:0)",
                    "      Kill connections made from the specified address",
                    "    * LADDR (<ip:port>|<unixsocket>:0)",
                    "      Kill connections made to specified local address",
                    "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
                    "      Kill connections by type.",
                    "    * USER <username>",
                    "      Kill connections authenticated by <username>.",
                    "    * SKIPME (YES|NO)",
                    "      Skip killing current connection (default: yes).",
                    "LIST [options ...]",
                    "    Return information about client connections. Options:",
                    "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
                    "      Return clients of specified type.",
                    "UNPAUSE",
                    "    Stop the current client pause, resuming traffic.",
                    "PAUSE <timeout> [WRITE|ALL]",
                    "    Suspend all, or just write, clients for <timeout> milliseconds.",
                    "REPLY (ON|OFF|SKIP)",
                    "    Control the replies sent to the current connection.",
                    "SETNAME <name>",
                    "    Assign the name <name> to the current connection.",
                    "UNBLOCK <clientid> [TIMEOUT|ERROR]",
                    "    Unblock the specified blocked client.",
                    "TRACKING (ON|OFF) [REDIRECT <id>] [BCAST] [PREFIX <prefix> [...]]",
                    "         [OPTIN] [OPTOUT] [NOLOOP]",
                    "    Control server assisted client side caching.",
                    "TRACKINGINFO",
                    "    Report tracking status for the current connection.",
                    "NO-EVICT (ON|OFF)",
                    "    Protect current client connection from eviction.",
                ])
            },
        ]) { _ in .ok },
    ]

    static func clientSpec(_ name: String, arity: Int, admin: Bool = false, handler: @escaping CommandHandler) -> CommandSpec {
        CommandSpec(name, arity: arity, flags: (admin ? ["admin"] : []) + ["noscript", "loading", "stale"],
                    categories: (admin ? ["@admin", "@slow", "@dangerous"] : ["@slow"]) + ["@connection"], handler: handler)
    }

    /// CLIENT KILL addr | CLIENT KILL [ID id] [TYPE type] [ADDR addr] [LADDR addr] [USER name] [SKIPME yes/no].
    @Sendable static func clientKill(_ ctx: CommandContext) throws -> RESPValue {
        if ctx.count == 3 {
            let address = ctx[2].string
            guard let target = ctx.server.clients.values.first(where: { $0.address == address }) else {
                throw RedisError("ERR No such client")
            }
            ctx.server.killClient(target)
            return .ok
        }
        var id: Int64?, type: String?, address: String?, localAddress: String?, user: String?, skipMe = true
        var i = 2
        while i < ctx.count {
            guard i + 1 < ctx.count else { throw RedisError.syntax }
            let value = ctx[i + 1]
            switch ctx[i].uppercasedString {
            case "ID":
                guard let parsed = value.int64Value, parsed > 0 else { throw RedisError("ERR client-id should be greater than 0") }
                id = parsed
            case "TYPE":
                let parsed = value.uppercasedString
                guard ["NORMAL", "MASTER", "REPLICA", "SLAVE", "PUBSUB"].contains(parsed) else {
                    throw RedisError.unknownClientType(value)
                }
                type = parsed == "SLAVE" ? "REPLICA" : parsed
            case "ADDR": address = value.string
            case "LADDR": localAddress = value.string
            case "USER":
                guard let found = ctx.server.acl.user(named: value) else { throw RedisError("ERR No such user '\(value.errorText)'") }
                user = found.name.string
            case "SKIPME":
                if value.equalsIgnoringCase("yes") { skipMe = true }
                else if value.equalsIgnoringCase("no") { skipMe = false }
                else { throw RedisError.syntax }
            default: throw RedisError.syntax
            }
            i += 2
        }
        var killed: Int64 = 0
        for client in ctx.server.clients.values.sorted(by: { $0.id < $1.id }) {
            if let id, client.id != id { continue }
            if let type, ctx.server.clientType(client) != type { continue }
            if let address, client.address != address { continue }
            if let localAddress, client.localAddress != localAddress { continue }
            if let user, client.user?.name.string != user { continue }
            if skipMe && client === ctx.client { continue }
            if client === ctx.client { client.closeAfterReply = true } else { ctx.server.killClient(client) }
            killed += 1
        }
        return .integer(killed)
    }
}

extension ServerState {
    /// CLIENT LIST's type of a client.
    func clientType(_ client: SimulatorClient) -> String {
        client.subscriptions.count > 0 ? "PUBSUB" : "NORMAL"
    }

    /// Closes another client's connection (CLIENT KILL).
    func killClient(_ client: SimulatorClient) {
        // The transport hears of the close first: a blocked client's pending reply, which
        // removal hands over, must then find the connection closing and send nothing, as Redis
        // closes a killed client without a word.
        client.closeHandler?()
        removeClient(client)
    }

    /// One CLIENT LIST / CLIENT INFO line, with Redis 7.0's fields in its order.
    func clientInfoLine(_ client: SimulatorClient, now: Int64) -> String {
        var flags = monitors.contains(where: { $0 === client }) ? "O" : ""
        if client.subscriptions.isActive { flags += "P" }
        if client.transaction.inMulti { flags += "x" }
        if client.blocked != nil || postponed.contains(where: { $0.0 === client }) { flags += "b" }
        if client.tracking.enabled { flags += "t" }
        if client.tracking.brokenRedirect { flags += "R" }
        if client.tracking.broadcast { flags += "B" }
        if client.transaction.dirty { flags += "d" }
        if client.noEvict { flags += "e" }
        if flags.isEmpty { flags = "N" }
        let name = client.name.map { $0.string } ?? ""
        let multi = client.transaction.inMulti ? client.transaction.queued.count : -1
        let fields = [
            "id=\(client.id)", "addr=\(client.address)", "laddr=\(client.localAddress)", "fd=8", "name=\(name)",
            "age=\((now - client.connectedAt) / 1000)", "idle=\((now - client.lastInteraction) / 1000)",
            "flags=\(flags)", "db=\(client.databaseIndex)", "sub=\(client.subscriptions.channels.count)",
            "psub=\(client.subscriptions.patterns.count)", "ssub=\(client.subscriptions.shardChannels.count)", "multi=\(multi)", "qbuf=\(client.queryBuffer.current)", "qbuf-free=\(client.queryBuffer.allocation - client.queryBuffer.current)",
            "argv-mem=10", "multi-mem=0", "rbs=16384", "rbp=16384", "obl=0", "oll=\(client.outputBuffer.pendingWrites)", "omem=\(client.outputBuffer.pendingBytes)", "tot-mem=\(22298 + client.outputBuffer.pendingBytes)",
            "events=r", "cmd=\(client.lastCommand)", "user=\(client.user?.name.string ?? "default")", "redir=\(client.tracking.enabled ? client.tracking.redirect : -1)", "resp=\(client.protocolVersion)",
        ]
        return fields.joined(separator: " ")
    }
}
