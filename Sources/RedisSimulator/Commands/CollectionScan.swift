import RESP

/// HSCAN, SSCAN and ZSCAN: Redis 7.0's cursor contract over a collection.
///
/// Small collections (listpack, intset) answer in one page with cursor 0, as Redis does.
/// Larger ones are walked in `ScanOrder`, by a fixed hash of each element, and the cursor is
/// "the next hash to visit": an element present for the whole scan has a fixed hash, so it is
/// returned exactly once, elements added or removed meanwhile may or may not be, and the scan
/// always ends — Redis's guarantees, without its table layout.
enum CollectionScan {
    /// The parsed MATCH and COUNT options.
    struct Options {
        var pattern: ByteString?
        var count = 10
    }

    /// Redis's parseScanCursorOrReply (SCAN, HSCAN, SSCAN, ZSCAN): C `strtoul` over the whole
    /// argument up to a NUL, where the C string ends (a sign is allowed and a negative value
    /// wraps, the empty string is 0), else `ERR invalid cursor`.
    static func cursor(_ text: ByteString) throws(RedisError) -> UInt64 {
        let bytes = text.bytes.prefix { $0 != 0 }
        guard !bytes.isEmpty else { return 0 }
        guard let value = ByteString.wrappingUnsigned(bytes) else { throw RedisError("ERR invalid cursor") }
        return value
    }

    /// Parses `[MATCH pattern] [COUNT count]` from argument `start` on.
    static func options(_ ctx: CommandContext, from start: Int) throws(RedisError) -> Options {
        var options = Options()
        var i = start
        while i < ctx.count {
            let remaining = ctx.count - i
            if ctx.word(at: i, is: "count"), remaining >= 2 {
                let count = try ctx.integer(at: i + 1)
                guard count >= 1 else { throw RedisError.syntax }
                options.count = Int(clamping: count)
                i += 2
            } else if ctx.word(at: i, is: "match"), remaining >= 2 {
                let pattern = ctx[i + 1]
                options.pattern = pattern == "*" ? nil : pattern
                i += 2
            } else {
                throw RedisError.syntax
            }
        }
        return options
    }

    /// A small collection's answer: everything (MATCH applied) and cursor 0, as Redis answers
    /// for listpacks and intsets whatever the cursor and COUNT.
    static func wholePage(_ elements: [(key: ByteString, items: [ByteString])], options: Options) -> RESPValue {
        reply(elements, next: 0, options: options)
    }

    /// One page of a large collection in its scan order; `items` gives the reply items of an element.
    static func page(
        _ order: ScanOrder, cursor: UInt64, options: Options, items: (ByteString) -> [ByteString]
    ) -> RESPValue {
        let (keys, next) = order.page(from: cursor, count: options.count)
        return reply(keys.map { ($0.key, items($0.key)) }, next: next, options: options)
    }

    private static func reply(_ elements: [(key: ByteString, items: [ByteString])], next: UInt64, options: Options) -> RESPValue {
        var chosen = elements
        if let pattern = options.pattern {
            let glob = GlobPattern(pattern)
            chosen = chosen.filter { glob.matches($0.key) }
        }
        return .array([.bulk(String(next)), .array(chosen.flatMap { $0.items.map { RESPValue.bulk($0) } })])
    }
}
