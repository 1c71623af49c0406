/// The trimming options of XADD and XTRIM, and XADD's id (Redis's streamParseAddOrTrimArgsOrReply).
struct StreamTrimOptions {
    enum Strategy { case maxLength(Int), minID(StreamID) }

    var strategy: Strategy?
    var approximate = false
    var limit: Int64 = 0
    var noMakeStream = false
    /// XADD: the requested id (nil for `*`), whether its sequence is generated, and its position.
    var id: StreamID?
    var autoSeq = false
    var idIndex = 0

    static func parse(_ ctx: CommandContext, xadd: Bool) throws(RedisError) -> StreamTrimOptions {
        var options = StreamTrimOptions()
        var limitGiven = false
        var i = 2
        while i < ctx.count {
            let more = ctx.count - 1 - i
            let arg = ctx[i]
            if xadd, arg.isSingleByte(UInt8(ascii: "*")) {
                break
            } else if (arg.matchesOption("MAXLEN") || arg.matchesOption("MINID")), more > 0 {
                guard options.strategy == nil else {
                    throw RedisError("ERR syntax error, MAXLEN and MINID options at the same time are not compatible")
                }
                options.approximate = false
                let next = ctx[i + 1]
                if more >= 2, next.isSingleByte(UInt8(ascii: "~")) {
                    options.approximate = true
                    i += 1
                } else if more >= 2, next.isSingleByte(UInt8(ascii: "=")) {
                    i += 1
                }
                if arg.matchesOption("MAXLEN") {
                    let length = try ctx.integer(at: i + 1)
                    guard length >= 0 else { throw RedisError("ERR The MAXLEN argument must be >= 0.") }
                    options.strategy = .maxLength(Int(clamping: length))
                } else {
                    options.strategy = .minID(try ctx.streamID(at: i + 1, strict: true))
                }
                i += 1
            } else if arg.matchesOption("LIMIT"), more > 0 {
                options.limit = try ctx.integer(at: i + 1)
                guard options.limit >= 0 else { throw RedisError("ERR The LIMIT argument must be >= 0.") }
                limitGiven = true
                i += 1
            } else if xadd, arg.matchesOption("NOMKSTREAM") {
                options.noMakeStream = true
            } else if xadd {
                guard let parsed = StreamID.parse(arg, strict: true, allowAutoSeq: true) else { throw .invalidStreamID }
                options.id = parsed.id
                options.autoSeq = parsed.autoSeq
                break
            } else {
                throw RedisError.syntax
            }
            i += 1
        }
        options.idIndex = i
        if options.limit != 0, options.strategy == nil {
            throw RedisError("ERR syntax error, LIMIT cannot be used without specifying a trimming strategy")
        }
        if !xadd, options.strategy == nil {
            throw RedisError("ERR syntax error, XTRIM must be called with a trimming strategy")
        }
        if limitGiven {
            guard options.approximate else {
                throw RedisError("ERR syntax error, LIMIT cannot be used without the special ~ option")
            }
        } else if options.approximate {
            // Redis's default effort: a hundred nodes' worth of entries, its product wrapping as
            // C's does, then held within 1...1,000,000 as Redis holds it.
            let effort = Int64(ctx.server.config.encodingLimits.streamNodeEntries).multipliedReportingOverflow(by: 100).partialValue
            options.limit = effort <= 0 ? 10_000 : min(effort, 1_000_000)
        } else {
            options.limit = 0
        }
        return options
    }

    /// Trims `stream`; returns the number of entries removed.
    func apply(to stream: StreamValue) -> Int {
        switch strategy {
        case nil: return 0
        case .maxLength(let length)?:
            return stream.trim(maxLength: length, minID: nil, approximate: approximate, limit: Int(limit))
        case .minID(let id)?:
            return stream.trim(maxLength: nil, minID: id, approximate: approximate, limit: Int(limit))
        }
    }
}
