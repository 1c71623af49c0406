import RESP

/// The Pub/Sub channels of one confined run on a shared live Redis. Channels are not per
/// database, so two runs (two students graded at once, a REPL's exercise beside grading) that
/// use the same names would hear each other: every channel and pattern the run sends gets the
/// run's prefix and every name Redis sends back loses it, and the run's ACL user may use only
/// channels with that prefix (`resetchannels &prefix*`), so a name that escaped the mapping is
/// refused by the server instead of reaching another run.
struct LiveChannelScope: Sendable {
    /// Letters, digits, `-` and `:` only, so it is literal inside a glob.
    let prefix: String

    init(prefix: String) { self.prefix = prefix }

    /// The user's channel rules. A pattern subscription is checked literally against the
    /// rules, so each pattern the run subscribes to is granted on its own (`grant`).
    var rules: [String] { ["resetchannels", "&" + prefix + "*"] }

    /// The rule that lets the run subscribe to `pattern` (already prefixed).
    static func grant(_ pattern: [UInt8]) -> [UInt8] { Array("&".utf8) + pattern }

    /// How a command's reply carries channel names back.
    enum ReplyShape: Equatable {
        case none
        /// A (P|S)(UN)SUBSCRIBE confirmation.
        case confirmation
        /// PUBSUB CHANNELS / SHARDCHANNELS: a list of names.
        case names
        /// PUBSUB NUMSUB / SHARDNUMSUB: name, count, name, count …
        case namesAndCounts
        /// PUBSUB NUMPAT: the run's own patterns are counted, not the whole server's.
        case patternCount
    }

    /// `arguments` with every channel name prefixed, the shape of the reply, and the
    /// prefixed patterns a PSUBSCRIBE needs granted first.
    func map(_ arguments: [[UInt8]]) -> (arguments: [[UInt8]], reply: ReplyShape, patterns: [[UInt8]]) {
        guard let first = arguments.first else { return (arguments, .none, []) }
        let name = String(decoding: first, as: UTF8.self).lowercased()
        let p = Array(prefix.utf8)
        var mapped = arguments
        switch name {
        case "subscribe", "unsubscribe", "ssubscribe", "sunsubscribe", "punsubscribe":
            for index in mapped.indices.dropFirst() { mapped[index] = p + mapped[index] }
            return (mapped, .confirmation, [])
        case "psubscribe":
            for index in mapped.indices.dropFirst() { mapped[index] = p + mapped[index] }
            return (mapped, .confirmation, Array(mapped.dropFirst()))
        case "publish", "spublish":
            if mapped.count > 1 { mapped[1] = p + mapped[1] }
            return (mapped, .none, [])
        case "pubsub":
            guard mapped.count > 1 else { return (mapped, .none, []) }
            switch String(decoding: mapped[1], as: UTF8.self).lowercased() {
            case "channels", "shardchannels":
                if mapped.count == 2 { mapped.append(p + Array("*".utf8)) } else if mapped.count == 3 { mapped[2] = p + mapped[2] }
                return (mapped, .names, [])
            case "numsub", "shardnumsub":
                for index in mapped.indices.dropFirst(2) { mapped[index] = p + mapped[index] }
                return (mapped, .namesAndCounts, [])
            case "numpat" where mapped.count == 2:
                return (mapped, .patternCount, [])
            default:
                return (mapped, .none, [])
            }
        default:
            return (arguments, .none, [])
        }
    }

    /// `name` without the run's prefix (as it is when the name is not the run's).
    func unmapped(_ name: [UInt8]) -> [UInt8] {
        let p = Array(prefix.utf8)
        return name.starts(with: p) ? Array(name.dropFirst(p.count)) : name
    }

    /// A reply of the given shape with the run's names as the run sent them.
    func unmap(_ reply: RESPValue, shape: ReplyShape) -> RESPValue {
        switch shape {
        case .none, .patternCount: return reply
        case .confirmation: return unmapPush(reply)
        case .names:
            guard case .array(let items) = reply else { return reply }
            return .array(items.map(unmappedBulk))
        case .namesAndCounts:
            guard case .array(let items) = reply else { return reply }
            return .array(items.enumerated().map { $0.offset % 2 == 0 ? unmappedBulk($0.element) : $0.element })
        }
    }

    /// A confirmation or a delivered message (RESP2 array or RESP3 push) with its channel and
    /// pattern names as the run knows them.
    func unmapPush(_ value: RESPValue) -> RESPValue {
        switch value {
        case .array(let items): return .array(unmapMessage(items))
        case .push(let items): return .push(unmapMessage(items))
        default: return value
        }
    }

    private func unmapMessage(_ items: [RESPValue]) -> [RESPValue] {
        guard let kind = items.first?.stringValue?.lowercased() else { return items }
        var mapped = items
        switch kind {
        case "subscribe", "unsubscribe", "psubscribe", "punsubscribe", "ssubscribe", "sunsubscribe", "message", "smessage":
            if mapped.count >= 2 { mapped[1] = unmappedBulk(mapped[1]) }
        case "pmessage":
            if mapped.count >= 3 {
                mapped[1] = unmappedBulk(mapped[1])
                mapped[2] = unmappedBulk(mapped[2])
            }
        default: break
        }
        return mapped
    }

    private func unmappedBulk(_ value: RESPValue) -> RESPValue {
        if case .bulkString(let bytes) = value { return .bulkString(unmapped(bytes)) }
        return value
    }

    /// A script body whose `redis.call`/`redis.pcall` of PUBLISH and SPUBLISH prefix the
    /// channel, as a script that publishes must reach the run's own subscribers; nil when the
    /// body never names PUBLISH (it is sent unchanged). The wrapper shares the learner's first
    /// line (after a `#!` line), so line numbers stay, except that an error raised by
    /// `redis.call` itself is placed on that line. A script that reaches the real `redis`
    /// another way publishes unprefixed and the ACL user's channel rules refuse it.
    func wrappedScript(_ body: [UInt8]) -> [UInt8]? {
        guard String(decoding: body, as: UTF8.self).lowercased().contains("publish") else { return nil }
        let wrapper = "local __rl_redis = redis local function __rl_route(f, c, ...) "
            + "if type(c) == 'string' and select('#', ...) > 0 and type((...)) == 'string' then local l = string.lower(c) "
            + "if l == 'publish' or l == 'spublish' then return f(c, '\(prefix)' .. (...), select(2, ...)) end end return f(c, ...) end "
            + "local redis = setmetatable({call = function(...) return __rl_route(__rl_redis.call, ...) end, "
            + "pcall = function(...) return __rl_route(__rl_redis.pcall, ...) end}, {__index = __rl_redis}) "
        if body.starts(with: Array("#!".utf8)) {
            guard let newline = body.firstIndex(of: UInt8(ascii: "\n")) else { return body + Array(("\n" + wrapper).utf8) }
            return Array(body[...newline]) + Array(wrapper.utf8) + body[(newline + 1)...]
        }
        return Array(wrapper.utf8) + body
    }
}
