import RESP

/// MIGRATE host port key|"" db timeout [COPY] [REPLACE] [AUTH pw|AUTH2 user pw] [KEYS k…], as
/// Redis 7.0's migrateCommand: each key DUMPed and sent as RESTORE (after AUTH and SELECT), the
/// source keys deleted unless COPY and propagated as DEL. Like Redis, it talks to the target
/// synchronously, each step bounded by `timeout` ms, while the simulator waits: a slow target
/// holds other clients back for at most that long, as it holds back Redis's.
extension CommandTable {
    static let migrateCommands: [CommandSpec] = [
        CommandSpec("migrate", arity: -6, flags: ["write", "movablekeys"], keys: KeyPositions(first: 3, last: 3, step: 1),
                    categories: ["@keyspace", "@write", "@slow", "@dangerous"], secrets: .migrateAuth, handler: migrate),
    ]

    @Sendable static func migrate(_ ctx: CommandContext) throws -> RESPValue {
        var copy = false, replace = false
        var credentials: (user: ByteString?, password: ByteString)?
        var keys = [ctx[3]]
        var index = 6
        while index < ctx.count {
            let more = ctx.count - 1 - index
            if ctx.argument(index, is: "copy") {
                copy = true
            } else if ctx.argument(index, is: "replace") {
                replace = true
            } else if ctx.argument(index, is: "auth") {
                guard more >= 1 else { throw RedisError.syntax }
                credentials = (nil, ctx[index + 1])
                index += 1
            } else if ctx.argument(index, is: "auth2") {
                guard more >= 2 else { throw RedisError.syntax }
                credentials = (ctx[index + 1], ctx[index + 2])
                index += 2
            } else if ctx.argument(index, is: "keys") {
                guard ctx[3].isEmpty else {
                    throw RedisError("ERR When using MIGRATE KEYS option, the key argument must be set to the empty string")
                }
                keys = Array(ctx.args[(index + 1)...])
                break
            } else {
                throw RedisError.syntax
            }
            index += 1
        }
        guard var timeout = ctx[5].int64Value, let database = ctx[4].int64Value else { throw RedisError.notInteger }
        if timeout <= 0 { timeout = 1000 }
        let present = keys.compactMap { key in ctx.lookup(key).map { (key, $0) } }
        guard !present.isEmpty else { return .simpleString("NOKEY") }
        guard let port = ctx[2].int64Value else { return .error(MigrationOutcome.connectFailure) }

        // Keys that expired since they were looked up are left out, as Redis leaves them.
        var sent: [ByteString] = []
        var request: [UInt8] = []
        if let credentials {
            request += RESPEncoder.encodeCommand((credentials.user.map { [ByteString("AUTH"), $0] } ?? [ByteString("AUTH")]).map(\.bytes) + [credentials.password.bytes])
        }
        request += RESPEncoder.encodeCommand([Array("SELECT".utf8), Array(String(database).utf8)])
        for (key, value) in present {
            var ttl: Int64 = 0
            if let expiresAt = ctx.expireTime(key) {
                ttl = expiresAt - ctx.now
                if ttl < 0 { continue }
                ttl = max(ttl, 1)
            }
            var restore = [Array("RESTORE".utf8), key.bytes, Array(String(ttl).utf8), DumpPayload.make(value, encoder: ctx.rdbEncoder)]
            if replace { restore.append(Array("REPLACE".utf8)) }
            request += RESPEncoder.encodeCommand(restore)
            sent.append(key)
        }

        var outcome = MigrationOutcome.exchange(
            host: ctx[1].string, port: port, timeout: timeout, request: request,
            expectsAuth: credentials != nil, keys: sent.count)
        if outcome.mayRetry { outcome = MigrationOutcome.exchange(
            host: ctx[1].string, port: port, timeout: timeout, request: request,
            expectsAuth: credentials != nil, keys: sent.count) }

        var deleted: [ByteString] = []
        if !copy {
            for (key, accepted) in zip(sent, outcome.accepted) where accepted {
                guard ctx.deleteKey(key) else { continue }
                ctx.notify(.generic, "del", key)
                deleted.append(key)
            }
        }
        // Replicas delete what the target acknowledged; nothing else of MIGRATE replicates.
        ctx.propagateInstead(deleted.isEmpty ? [] : [[ByteString("DEL")] + deleted])
        if let error = outcome.error { return .error(error) }
        return .ok
    }
}

/// What the target answered a MIGRATE's requests.
struct MigrationOutcome {
    static let connectFailure = "IOERR error or timeout connecting to the client"

    /// Per key sent: whether the target restored it.
    var accepted: [Bool]
    /// The error reply MIGRATE gives, nil on success.
    var error: String?
    /// True when nothing was answered and the failure was no timeout: Redis tries once more.
    var mayRetry = false

    /// Connects, sends `request` and reads the replies: AUTH's if `expectsAuth`, SELECT's,
    /// then one RESTORE reply per key.
    static func exchange(host: String, port: Int64, timeout: Int64, request: [UInt8], expectsAuth: Bool, keys: Int) -> MigrationOutcome {
        var outcome = MigrationOutcome(accepted: Array(repeating: false, count: keys))
        let socket: MigrationSocket
        do {
            socket = try MigrationSocket(host: host, port: port, timeout: timeout)
        } catch {
            outcome.error = connectFailure
            return outcome
        }
        let readingFailure = "IOERR error or timeout reading to target instance"
        do {
            try socket.write(request, timeout: timeout)
        } catch {
            outcome.error = "IOERR error or timeout writing to target instance"
            outcome.mayRetry = error != .timedOut
            return outcome
        }
        var setupError: String?
        do {
            for _ in 0..<(expectsAuth ? 2 : 1) {
                let line = try socket.readLine(timeout: timeout)
                if setupError == nil, line.hasPrefix("-") { setupError = String(line.dropFirst()) }
            }
        } catch {
            outcome.error = readingFailure
            outcome.mayRetry = error != .timedOut
            return outcome
        }
        for index in 0..<keys {
            let line: String
            do {
                line = try socket.readLine(timeout: timeout)
            } catch {
                if outcome.error == nil {
                    outcome.error = readingFailure
                    outcome.mayRetry = index == 0 && error != .timedOut
                }
                return outcome
            }
            if let failure = setupError ?? (line.hasPrefix("-") ? String(line.dropFirst()) : nil) {
                if outcome.error == nil { outcome.error = "ERR Target instance replied with error: \(failure)" }
            } else {
                outcome.accepted[index] = true
            }
        }
        return outcome
    }
}
