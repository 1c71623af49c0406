import RESP

extension CommandTable {
    /// CLIENT UNBLOCK id [TIMEOUT|ERROR]: ends another client's blocking command early, with its
    /// timeout reply or an UNBLOCKED error (Redis's clientCommand "unblock").
    @Sendable static func clientUnblock(_ ctx: CommandContext) throws(RedisError) -> RESPValue {
        guard ctx.count <= 4 else { throw RedisError.subcommandSyntax(ctx) }
        var withError = false
        if ctx.count == 4 {
            if ctx[3].matchesOption("TIMEOUT") {
                withError = false
            } else if ctx[3].matchesOption("ERROR") {
                withError = true
            } else {
                throw RedisError("ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR")
            }
        }
        let id = try ctx.integer(at: 2)
        guard let target = ctx.server.clients[id], let state = target.blocked else { return .integer(0) }
        ctx.server.unblock(target)
        let reply: RESPValue = withError ? .error("UNBLOCKED client unblocked via CLIENT UNBLOCK") : state.timeoutReply
        ctx.server.countDeferredReply(state.spec, reply)
        target.answerDeferred(reply)
        return .integer(1)
    }
}
