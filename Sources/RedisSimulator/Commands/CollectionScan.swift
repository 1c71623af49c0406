import RESP

/// HSCAN, SSCAN and ZSCAN: Redis 7.0's cursor contract over a collection.
///
/// Small collections (listpack, intset) answer in one page with cursor 0, as Redis does.
/// Larger ones are walked in the order of a fixed 62-bit hash of each element, and the cursor
/// is "the next hash to visit": an element present for the whole scan has a fixed hash, so it is
/// returned exactly once, elements added or removed meanwhile may or may not be, and the scan
/// always ends — Redis's guarantees, without its table layout.
enum CollectionScan {
    /// The parsed MATCH and COUNT options.
    struct Options {
        var pattern: ByteString?
        var count = 10
    }

    /// Redis's parseScanCursorOrReply: C `strtoul` over the whole argument (a sign is allowed and
    /// a negative value wraps, the empty string is 0), else `ERR invalid cursor`.
    static func cursor(_ text: ByteString) throws(RedisError) -> UInt64 {
        let invalid = RedisError("ERR invalid cursor")
        var bytes = text.bytes[...]
        guard !bytes.isEmpty else { return 0 }
        var negative = false
        if bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") {
            negative = bytes.first == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
            guard !bytes.isEmpty else { throw invalid }
        }
        var value: UInt64 = 0
        for byte in bytes {
            guard byte >= 48, byte <= 57 else { throw invalid }
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(UInt64(byte - 48))
            guard !o1, !o2 else { throw invalid }
            value = s
        }
        return negative ? 0 &- value : value
    }

    /// Parses `[MATCH pattern] [COUNT count]` from argument `start` on.
    static func options(_ ctx: CommandContext, from start: Int) throws(RedisError) -> Options {
        var options = Options()
        var i = start
        while i < ctx.count {
            let remaining = ctx.count - i
            if ctx.argument(i, is: "count"), remaining >= 2 {
                let count = try ctx.integer(at: i + 1)
                guard count >= 1 else { throw RedisError.syntax }
                options.count = Int(clamping: count)
                i += 2
            } else if ctx.argument(i, is: "match"), remaining >= 2 {
                let pattern = ctx[i + 1]
                options.pattern = pattern == "*" ? nil : pattern
                i += 2
            } else {
                throw RedisError.syntax
            }
        }
        return options
    }

    /// One page over `elements` (each with the key MATCH tests and the reply items it adds).
    static func page(
        _ elements: [(key: ByteString, items: [ByteString])], cursor: UInt64, options: Options, small: Bool
    ) -> RESPValue {
        var chosen: [(key: ByteString, items: [ByteString])]
        var next: UInt64 = 0
        if small {
            chosen = elements
        } else {
            var pending = elements.map { (hash: hash($0.key), element: $0) }.filter { $0.hash >= cursor }
            pending.sort { $0.hash < $1.hash }
            var taken = 0
            while taken < pending.count, taken < options.count || pending[taken].hash == pending[taken - 1].hash {
                taken += 1
            }
            chosen = pending.prefix(taken).map(\.element)
            if taken < pending.count { next = pending[taken - 1].hash + 1 }
        }
        if let pattern = options.pattern {
            let glob = GlobPattern(pattern)
            chosen = chosen.filter { glob.matches($0.key) }
        }
        return .array([.bulk(String(next)), .array(chosen.flatMap { $0.items.map { RESPValue.bulk($0) } })])
    }

    /// A fixed hash in 1...2^62 (FNV-1a), so cursors are stable across runs and never 0.
    static func hash(_ key: ByteString) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.bytes {
            h ^= UInt64(byte)
            h = h &* 0x0000_0100_0000_01B3
        }
        return (h >> 2) + 1
    }
}
