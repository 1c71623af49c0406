#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import RESP

/// SORT and SORT_RO (Redis's sort.c): sort a list, set or sorted set numerically or as bytes,
/// by its own elements or by the keys (and hash fields) a BY pattern names, then return or
/// STORE the elements or what GET patterns find for them.
extension CommandTable {
    static let sortCommands: [CommandSpec] = [
        CommandSpec("sort", arity: -2, flags: ["write", "denyoom", "movablekeys"], keys: .single,
                    categories: ["@write", "@set", "@sortedset", "@list", "@slow", "@dangerous"]) { ctx in
            try sort(ctx, readOnly: false)
        },
        CommandSpec("sort_ro", arity: -2, flags: ["readonly", "movablekeys"], keys: .single,
                    categories: ["@read", "@set", "@sortedset", "@list", "@slow", "@dangerous"]) { ctx in
            try sort(ctx, readOnly: true)
        },
    ]

    private static func sort(_ ctx: CommandContext, readOnly: Bool) throws(RedisError) -> RESPValue {
        var options = try SortOptions(ctx, readOnly: readOnly)
        let source: RedisValue
        switch ctx.lookup(ctx[1]) {
        case nil: source = .list(ListValue())
        case .some(let value):
            switch value {
            case .list, .set, .zset: source = value
            default: throw .wrongType
            }
        }
        // A set has no order of its own, so what a script or STORE sees must not depend on it.
        if options.dontSort, case .set = source, options.store != nil || ctx.client.isScriptClient {
            options.dontSort = false
            options.alpha = true
            options.by = nil
        }
        let elements = sortedElements(ctx, source, options)
        let width = options.gets.isEmpty ? 1 : options.gets.count
        guard let store = options.store else {
            if case .failure(let error) = elements { throw error }
            let chosen = (try? elements.get()) ?? []
            var reply: [RESPValue] = []
            reply.reserveCapacity(chosen.count * width)
            for element in chosen {
                if options.gets.isEmpty { reply.append(.bulk(element)) }
                for pattern in options.gets {
                    reply.append(lookupByPattern(ctx, pattern, element).map { .bulk($0) } ?? .nullBulkString)
                }
            }
            return .array(reply)
        }
        let chosen = try elements.get()
        var stored: [ByteString] = []
        for element in chosen {
            if options.gets.isEmpty { stored.append(element) }
            for pattern in options.gets { stored.append(lookupByPattern(ctx, pattern, element) ?? ByteString("")) }
        }
        if stored.isEmpty {
            if ctx.deleteKey(store) { ctx.notify(.generic, "del", store) }
        } else {
            ctx.setKey(store, .list(ListValue(stored)))
            ctx.notify(.list, "sortstore", store)
        }
        return .integer(Int64(stored.count))
    }

    /// The elements in the order and LIMIT window asked for, or Redis's error when a weight is
    /// not a number.
    private static func sortedElements(_ ctx: CommandContext, _ source: RedisValue, _ options: SortOptions) -> Result<[ByteString], RedisError> {
        let length: Int
        switch source {
        case .list(let list): length = list.count
        case .set(let set): length = set.count
        case .zset(let zset): length = zset.count
        default: length = 0
        }
        // Redis's LIMIT arithmetic, clamped to the length so no sum can overflow.
        var start = Int(min(max(options.limitStart, 0), Int64(length)))
        let limitCount = Int(min(max(options.limitCount, -1), Int64(length)))
        var end = limitCount < 0 ? length - 1 : start + limitCount - 1
        if start >= length {
            start = length - 1
            end = length - 2
        }
        if end >= length { end = length - 1 }
        guard end >= start else { return .success([]) }

        if options.dontSort {
            // Lists and sorted sets keep their own order, read from the end DESC names.
            switch source {
            case .list(let list):
                let window = options.descending
                    ? list.elements(in: (length - 1 - end)..<(length - start), reversed: true)
                    : list.elements(in: start..<(end + 1))
                return .success(window)
            case .zset(let zset):
                let from = options.descending ? length - 1 - start : start
                return .success(zset.elements(from: from, limit: end - start + 1, reverse: options.descending).map(\.member))
            case .set(let set):
                return .success(Array(set.members[start...end]))
            default:
                return .success([])
            }
        }

        let all: [ByteString]
        switch source {
        case .list(let list): all = list.elements
        case .set(let set): all = set.members
        case .zset(let zset): all = zset.all.map(\.member)
        default: all = []
        }
        var entries: [SortEntry] = []
        entries.reserveCapacity(all.count)
        var badScore = false
        for element in all {
            var entry = SortEntry(element: element)
            let weight: ByteString?
            if let by = options.by {
                weight = lookupByPattern(ctx, by, element)
            } else {
                weight = element
            }
            if let weight {
                if options.alpha {
                    if options.by != nil { entry.compareWith = weight }
                } else if let score = sortScore(weight) {
                    entry.score = score
                } else {
                    badScore = true
                }
            }
            entries.append(entry)
        }
        if badScore { return .failure(RedisError("ERR One or more scores can't be converted into double")) }
        let byPattern = options.by != nil, alpha = options.alpha, descending = options.descending
        entries.sort { a, b in
            let order = compare(a, b, alpha: alpha, byPattern: byPattern)
            return descending ? order > 0 : order < 0
        }
        return .success(entries[start...end].map(\.element))
    }

    /// sortCompare: numbers by score then by bytes; ALPHA by the BY value (a missing one first)
    /// or by the element itself.
    private static func compare(_ a: SortEntry, _ b: SortEntry, alpha: Bool, byPattern: Bool) -> Int {
        if !alpha {
            if a.score != b.score { return a.score > b.score ? 1 : -1 }
            return bytesOrder(a.element, b.element)
        }
        guard byPattern else { return bytesOrder(a.element, b.element) }
        switch (a.compareWith, b.compareWith) {
        case (nil, nil): return 0
        case (nil, _): return -1
        case (_, nil): return 1
        case (let x?, let y?): return bytesOrder(x, y)
        }
    }

    private static func bytesOrder(_ a: ByteString, _ b: ByteString) -> Int {
        a == b ? 0 : a < b ? -1 : 1
    }

    /// A weight as SORT reads it: C's strtod over the whole text (leading spaces allowed), no
    /// NaN, no overflow.
    private static func sortScore(_ text: ByteString) -> Double? {
        if let small = text.int64Value { return Double(small) }
        return text.withCString { pointer -> Double? in
            errno = 0
            var end: UnsafeMutablePointer<CChar>?
            let value = strtod(pointer, &end)
            guard let end, end.pointee == 0, errno != ERANGE, !value.isNaN else { return nil }
            return value
        }
    }

    /// Redis's lookupKeyByPattern: `#` is the element itself; otherwise the first `*` becomes the
    /// element, and a `->field` after it reads that field of a hash. Nil when the key is missing
    /// or of another type, or when the pattern has no `*`.
    static func lookupByPattern(_ ctx: CommandContext, _ pattern: ByteString, _ element: ByteString) -> ByteString? {
        let bytes = pattern.bytes.prefix { $0 != 0 }
        if bytes.count == 1, bytes.first == UInt8(ascii: "#") { return element }
        guard let star = bytes.firstIndex(of: UInt8(ascii: "*")) else { return nil }
        var field: ArraySlice<UInt8>?
        var keyEnd = bytes.endIndex
        var index = star + 1
        while index + 1 < bytes.endIndex {
            if bytes[index] == UInt8(ascii: "-"), bytes[index + 1] == UInt8(ascii: ">") {
                if index + 2 < bytes.endIndex {
                    field = bytes[(index + 2)...]
                    keyEnd = index
                }
                break
            }
            index += 1
        }
        let key = ByteString(Array(bytes[..<star]) + element.bytes + Array(bytes[(star + 1)..<keyEnd]))
        switch ctx.lookup(key) {
        case .string(let value)? where field == nil: return value
        case .hash(let hash)?:
            guard let field else { return nil }
            return hash[ByteString(Array(field))]
        default: return nil
        }
    }
}

/// One element being sorted with what it is compared by.
private struct SortEntry {
    let element: ByteString
    var score: Double = 0
    var compareWith: ByteString?
}

/// SORT's options, parsed as Redis parses them: left to right, the last ASC/DESC winning.
private struct SortOptions {
    var descending = false
    var alpha = false
    var limitStart: Int64 = 0
    var limitCount: Int64 = -1
    var store: ByteString?
    var by: ByteString?
    var dontSort = false
    var gets: [ByteString] = []

    init(_ ctx: CommandContext, readOnly: Bool) throws(RedisError) {
        var j = 2
        while j < ctx.count {
            let left = ctx.count - j - 1
            if ctx.word(at: j, is: "asc") {
                descending = false
            } else if ctx.word(at: j, is: "desc") {
                descending = true
            } else if ctx.word(at: j, is: "alpha") {
                alpha = true
            } else if ctx.word(at: j, is: "limit"), left >= 2 {
                limitStart = try ctx.integer(at: j + 1)
                limitCount = try ctx.integer(at: j + 2)
                j += 2
            } else if !readOnly, ctx.word(at: j, is: "store"), left >= 1 {
                store = ctx[j + 1]
                j += 1
            } else if ctx.word(at: j, is: "by"), left >= 1 {
                by = ctx[j + 1]
                // A BY pattern without `*` names no weights: the elements keep their order.
                dontSort = !ctx[j + 1].bytes.prefix(while: { $0 != 0 }).contains(UInt8(ascii: "*"))
                j += 1
            } else if ctx.word(at: j, is: "get"), left >= 1 {
                gets.append(ctx[j + 1])
                j += 1
            } else {
                throw .syntax
            }
            j += 1
        }
    }
}
