import RESP

/// LCS key1 key2 [LEN] [IDX] [MINMATCHLEN n] [WITHMATCHLEN] (Redis's t_string.c): the longest
/// common subsequence of two strings by the textbook dynamic programme, walked back from the
/// end so matches come out last first, as Redis emits them.
extension CommandTable {
    static let lcsCommands: [CommandSpec] = [
        CommandSpec("lcs", arity: -3, flags: ["readonly"], keys: KeyPositions(first: 1, last: 2, step: 1),
                    categories: ["@read", "@string", "@slow"], handler: lcs),
    ]

    private static func lcs(_ ctx: CommandContext) throws(RedisError) -> RESPValue {
        let first = ctx.lookup(ctx[1]), second = ctx.lookup(ctx[2])
        let a: [UInt8], b: [UInt8]
        switch (first, second) {
        case (.string(let x)?, .string(let y)?): (a, b) = (x.bytes, y.bytes)
        case (.string(let x)?, nil): (a, b) = (x.bytes, [])
        case (nil, .string(let y)?): (a, b) = ([], y.bytes)
        case (nil, nil): (a, b) = ([], [])
        default: throw RedisError("ERR The specified keys must contain string values")
        }
        var getLength = false, getIndexes = false, withMatchLength = false
        var minMatchLength: Int64 = 0
        var j = 3
        while j < ctx.count {
            if ctx.word(at: j, is: "idx") {
                getIndexes = true
            } else if ctx.word(at: j, is: "len") {
                getLength = true
            } else if ctx.word(at: j, is: "withmatchlen") {
                withMatchLength = true
            } else if ctx.word(at: j, is: "minmatchlen"), j + 1 < ctx.count {
                minMatchLength = max(0, try ctx.integer(at: j + 1))
                j += 1
            } else {
                throw .syntax
            }
            j += 1
        }
        if getLength && getIndexes {
            throw RedisError("ERR If you want both the length and indexes, please just use IDX.")
        }
        let cells = (Int64(a.count) + 1).multipliedReportingOverflow(by: Int64(b.count) + 1)
        guard !cells.overflow, cells.partialValue <= ctx.server.config.protoMaxBulkLength / 4 else {
            throw RedisError("ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len")
        }
        let width = b.count + 1
        var table = [UInt32](repeating: 0, count: Int(cells.partialValue))
        for i in stride(from: 1, through: a.count, by: 1) {
            for k in stride(from: 1, through: b.count, by: 1) {
                table[i * width + k] = a[i - 1] == b[k - 1]
                    ? table[(i - 1) * width + k - 1] + 1
                    : max(table[(i - 1) * width + k], table[i * width + k - 1])
            }
        }
        let length = Int(table[a.count * width + b.count])
        if getLength { return .integer(Int64(length)) }

        var result = [UInt8](repeating: 0, count: length)
        var matches: [RESPValue] = []
        var position = length
        let unset = a.count
        var aStart = unset, aEnd = 0, bStart = 0, bEnd = 0
        var i = a.count, k = b.count
        while i > 0 && k > 0 {
            var emit = false
            if a[i - 1] == b[k - 1] {
                result[position - 1] = a[i - 1]
                if aStart == unset {
                    (aStart, aEnd, bStart, bEnd) = (i - 1, i - 1, k - 1, k - 1)
                } else if aStart == i && bStart == k {
                    aStart -= 1
                    bStart -= 1
                } else {
                    emit = true
                }
                if aStart == 0 || bStart == 0 { emit = true }
                position -= 1
                i -= 1
                k -= 1
            } else {
                if table[(i - 1) * width + k] > table[i * width + k - 1] { i -= 1 } else { k -= 1 }
                if aStart != unset { emit = true }
            }
            if emit {
                let matchLength = aEnd - aStart + 1
                if getIndexes, minMatchLength == 0 || Int64(matchLength) >= minMatchLength {
                    var match: [RESPValue] = [
                        .array([.integer(Int64(aStart)), .integer(Int64(aEnd))]),
                        .array([.integer(Int64(bStart)), .integer(Int64(bEnd))]),
                    ]
                    if withMatchLength { match.append(.integer(Int64(matchLength))) }
                    matches.append(.array(match))
                }
                aStart = unset
            }
        }
        if getIndexes {
            return .map(fields: [("matches", .array(matches)), ("len", .integer(Int64(length)))])
        }
        return .bulk(ByteString(result))
    }
}
