extension CommandContext {
    /// The same command seen from another database (COPY … DB, MOVE).
    public func switchingDatabase(to index: Int) -> CommandContext {
        CommandContext(server: server, client: client, args: args, db: server.databases[index], now: now, spec: spec)
    }

    /// True when the client speaks RESP3, where some replies change shape beyond what
    /// `RESPValue.adapted(toProtocol:)` does (score pairs nested, as Redis checks `c->resp`).
    public var resp3: Bool { client.protocolVersion >= 3 }

    /// True when argument `index` equals `word`, ignoring ASCII case (option names).
    public func argument(_ index: Int, is word: String) -> Bool {
        index < args.count && args[index].equalsIgnoringCase(word)
    }
}

extension ByteString {
    /// The bytes as text with ASCII letters uppercased (for matching option names).
    public var uppercasedString: String {
        String(decoding: bytes.map { $0 >= 97 && $0 <= 122 ? $0 - 32 : $0 }, as: UTF8.self)
    }

    /// True when the bytes equal `word`'s UTF-8, ignoring ASCII case.
    public func equalsIgnoringCase(_ word: String) -> Bool {
        let other = word.utf8
        guard other.count == count else { return false }
        // Reads the bytes in place: option parsing calls this for every word of every command.
        return withUnsafeBytes { mine in
            var index = 0
            for b in other {
                let a = mine[index]
                index += 1
                let la = a >= 65 && a <= 90 ? a + 32 : a
                let lb = b >= 65 && b <= 90 ? b + 32 : b
                if la != lb { return false }
            }
            return true
        }
    }
}

extension RedisValue {
    /// A deep copy (COPY must not share aggregates between keys).
    public func clone() -> RedisValue {
        switch self {
        case .string(let s): return .string(s)
        case .list(let l): return .list(l.clone())
        case .hash(let h): return .hash(h.clone())
        case .set(let s): return .set(s.clone())
        case .zset(let z): return .zset(z.clone())
        case .stream(let s): return .stream(s.clone())
        }
    }
}
