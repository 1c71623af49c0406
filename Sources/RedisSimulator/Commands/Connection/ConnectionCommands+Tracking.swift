import RESP

/// CLIENT TRACKING / CACHING / GETREDIR / TRACKINGINFO: client-side caching, with Redis 7.0's
/// checks in its order and its error texts.
extension CommandTable {
    static let clientTrackingCommands: [CommandSpec] = [
        clientSpec("client|tracking", arity: -3, handler: clientTracking),
        clientSpec("client|caching", arity: 3) { ctx in
            guard ctx.client.tracking.enabled else {
                throw RedisError("ERR CLIENT CACHING can be called only when the client is in tracking mode with OPTIN or OPTOUT mode enabled")
            }
            if ctx.argument(2, is: "YES") {
                guard ctx.client.tracking.optIn else {
                    throw RedisError("ERR CLIENT CACHING YES is only valid when tracking is enabled in OPTIN mode.")
                }
            } else if ctx.argument(2, is: "NO") {
                guard ctx.client.tracking.optOut else {
                    throw RedisError("ERR CLIENT CACHING NO is only valid when tracking is enabled in OPTOUT mode.")
                }
            } else {
                throw RedisError.syntax
            }
            ctx.client.tracking.cachingGiven = true
            return .ok
        },
        clientSpec("client|getredir", arity: 2) { ctx in
            .integer(ctx.client.tracking.enabled ? ctx.client.tracking.redirect : -1)
        },
        clientSpec("client|trackinginfo", arity: 2) { ctx in
            let state = ctx.client.tracking
            var flags: [RESPValue] = [.bulk(state.enabled ? "on" : "off")]
            if state.broadcast { flags.append(.bulk("bcast")) }
            if state.optIn {
                flags.append(.bulk("optin"))
                if state.cachingGiven { flags.append(.bulk("caching-yes")) }
            }
            if state.optOut {
                flags.append(.bulk("optout"))
                if state.cachingGiven { flags.append(.bulk("caching-no")) }
            }
            if state.noLoop { flags.append(.bulk("noloop")) }
            if state.brokenRedirect { flags.append(.bulk("broken_redirect")) }
            return .map([
                .bulk("flags"), .set(flags),
                .bulk("redirect"), .integer(state.enabled ? state.redirect : -1),
                .bulk("prefixes"), .array(state.prefixes.map { .bulk($0) }),
            ])
        },
    ]

    /// CLIENT TRACKING ON|OFF [REDIRECT id] [PREFIX p …] [BCAST] [OPTIN] [OPTOUT] [NOLOOP].
    @Sendable static func clientTracking(_ ctx: CommandContext) throws -> RESPValue {
        var redirect: Int64 = 0
        var broadcast = false, optIn = false, optOut = false, noLoop = false
        var prefixes: [ByteString] = []
        var j = 3
        while j < ctx.count {
            let more = j + 1 < ctx.count
            if ctx.argument(j, is: "REDIRECT"), more {
                j += 1
                guard redirect == 0 else { throw RedisError("ERR A client can only redirect to a single other client") }
                guard let id = ctx[j].int64Value else { throw RedisError.notInteger }
                redirect = id
                guard ctx.server.clients[id] != nil else {
                    throw RedisError("ERR The client ID you want redirect to does not exist")
                }
            } else if ctx.argument(j, is: "BCAST") {
                broadcast = true
            } else if ctx.argument(j, is: "OPTIN") {
                optIn = true
            } else if ctx.argument(j, is: "OPTOUT") {
                optOut = true
            } else if ctx.argument(j, is: "NOLOOP") {
                noLoop = true
            } else if ctx.argument(j, is: "PREFIX"), more {
                j += 1
                prefixes.append(ctx[j])
            } else {
                throw RedisError.syntax
            }
            j += 1
        }
        if ctx.argument(2, is: "ON") {
            let state = ctx.client.tracking
            if !broadcast, !prefixes.isEmpty { throw RedisError("ERR PREFIX option requires BCAST mode to be enabled") }
            if state.enabled, state.broadcast != broadcast {
                throw RedisError("ERR You can't switch BCAST mode on/off before disabling tracking for this client, and then re-enabling it with a different mode.")
            }
            if broadcast, optIn || optOut { throw RedisError("ERR OPTIN and OPTOUT are not compatible with BCAST") }
            if optIn, optOut { throw RedisError("ERR You can't specify both OPTIN mode and OPTOUT mode") }
            if (optIn && state.optOut) || (optOut && state.optIn) {
                throw RedisError("ERR You can't switch OPTIN/OPTOUT mode before disabling tracking for this client, and then re-enabling it with a different mode.")
            }
            if broadcast { try checkPrefixOverlaps(prefixes, existing: state.prefixes) }
            ctx.server.enableTracking(
                ctx.client, redirect: redirect, broadcast: broadcast, optIn: optIn, optOut: optOut, noLoop: noLoop,
                prefixes: prefixes)
        } else if ctx.argument(2, is: "OFF") {
            ctx.server.disableTracking(ctx.client)
        } else {
            throw RedisError.syntax
        }
        return .ok
    }

    /// A client's BCAST prefixes may not overlap, among themselves or with those it has.
    private static func checkPrefixOverlaps(_ prefixes: [ByteString], existing: [ByteString]) throws(RedisError) {
        for (index, prefix) in prefixes.enumerated() {
            if let clash = existing.first(where: { $0.overlaps(prefix) }) {
                throw RedisError(
                    "ERR Prefix '\(prefix.errorText)' overlaps with an existing prefix '\(clash.errorText)'. Prefixes for a single client must not overlap.")
            }
            if let clash = prefixes[(index + 1)...].first(where: { $0.overlaps(prefix) }) {
                throw RedisError(
                    "ERR Prefix '\(prefix.errorText)' overlaps with another provided prefix '\(clash.errorText)'. Prefixes for a single client must not overlap.")
            }
        }
    }
}
