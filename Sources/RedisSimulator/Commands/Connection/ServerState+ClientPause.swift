import RESP

/// CLIENT PAUSE timeout [WRITE|ALL] and CLIENT UNPAUSE (Redis's pauseClients and
/// blockPostponeClient): while a pause lasts, commands it covers wait, counted as blocked
/// clients, and run in arrival order once it ends by time or by UNPAUSE.
struct ClientPause {
    /// Unix ms at which the pause ends.
    var end: Int64
    /// ALL holds every command; WRITE only those that may write or replicate.
    var all: Bool
}

extension ServerState {
    /// True when `spec` (with `args`) must wait for the pause to end; the command is then kept
    /// to run later for `client`.
    func postponesForPause(_ spec: CommandSpec, _ args: [ByteString], client: SimulatorClient, now: Int64) -> Bool {
        guard let pause else { return false }
        if now >= pause.end {
            endPause()
            return false
        }
        let holds = spec.executesQueue ? Self.mayReplicate(spec, client: client) : Self.mayReplicate(spec, client: client, args: args)
        guard pause.all || holds else { return false }
        postponed.append((client, args))
        return true
    }

    /// Commands a WRITE pause holds: writes, and those Redis flags `may_replicate` (PUBLISH,
    /// PFCOUNT, scripts), and an EXEC whose queue holds one of them.
    static func mayReplicate(_ spec: CommandSpec, client: SimulatorClient) -> Bool {
        if spec.executesQueue {
            return client.transaction.queued.contains { mayReplicate($0.0, client: client, args: $0.1) }
        }
        return mayReplicate(spec, client: client, args: [])
    }

    /// `mayReplicate` for one command line. An EVAL whose shebang declares `no-writes` is not
    /// held; EVALSHA and FCALL are not held either, as their scripts' flags live in the
    /// scripting engine, which this check does not reach.
    static func mayReplicate(_ spec: CommandSpec, client: SimulatorClient, args: [ByteString]) -> Bool {
        if spec.name == "eval" {
            guard args.count > 1, args[1].bytes.starts(with: Array("#!".utf8)) else { return true }
            let shebang = args[1].bytes.prefix { $0 != 10 }
            return !String(decoding: shebang, as: UTF8.self).contains("no-writes")
        }
        return spec.isWrite || spec.flags.contains("may_replicate") || ["publish", "spublish", "pfcount"].contains(spec.name)
    }

    /// Lets the held commands run, oldest first, each reply going where a blocked command's goes.
    func endPause() {
        pause = nil
        let waiting = postponed
        postponed = []
        for (client, args) in waiting where !client.isClosed {
            switch process(args, from: client) {
            case .reply(let reply):
                client.deferredReplyHandler?(reply)
            case .replies(let replies):
                guard let first = replies.first else { continue }
                client.deferredReplyHandler?(first)
                for extra in replies.dropFirst() { client.push(extra) }
            case .blocked:
                break
            case .snapshot:
                // SYNC/PSYNC are not write commands, so a pause never holds one.
                break
            }
        }
    }

    /// True while a pause lasts: keys are then neither expired nor evicted (Redis keeps the
    /// dataset still so that a paused primary and its replicas agree).
    func pausesExpiry(now: Int64) -> Bool {
        guard let pause else { return false }
        return now < pause.end
    }

    /// The number of clients waiting for a pause to end (INFO's blocked_clients counts them).
    var postponedCount: Int { postponed.count }
}

extension CommandTable {
    /// CLIENT PAUSE: the timeout in milliseconds, then WRITE or ALL (the default).
    static func clientPause(_ ctx: CommandContext) throws(RedisError) -> RESPValue {
        guard let milliseconds = ctx[2].int64Value else { throw RedisError("ERR timeout is not an integer or out of range") }
        guard milliseconds >= 0 else { throw RedisError.negativeTimeout }
        var all = true
        if ctx.count == 4 {
            if ctx.argument(3, is: "WRITE") {
                all = false
            } else if !ctx.argument(3, is: "ALL") {
                throw RedisError("ERR CLIENT PAUSE mode must be WRITE or ALL")
            }
        } else if ctx.count > 4 {
            throw RedisError.subcommandSyntax(ctx)
        }
        let (end, overflow) = ctx.now.addingReportingOverflow(milliseconds)
        let until = overflow ? Int64.max : end
        // A longer or stricter pause replaces a shorter one, never the other way (pauseClients).
        if let current = ctx.server.pause {
            ctx.server.pause = ClientPause(end: max(current.end, until), all: current.all || all)
        } else {
            ctx.server.pause = ClientPause(end: until, all: all)
        }
        return .ok
    }
}
