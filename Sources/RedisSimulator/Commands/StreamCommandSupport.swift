import RESP

extension ByteString {
    /// True when these bytes spell `word`, ignoring ASCII case (option names such as COUNT).
    func matchesOption(_ word: String) -> Bool { equalsIgnoringCase(word) }

    /// True when this is the one byte `byte` (XADD's `*`, MAXLEN's `~` and `=`), read in place.
    func isSingleByte(_ byte: UInt8) -> Bool {
        count == 1 && withUnsafeBytes { $0[0] == byte }
    }
}

extension RedisError {
    static let invalidStreamID = RedisError("ERR Invalid stream ID specified as stream command argument")
    static let invalidStart = RedisError("ERR invalid start ID for the interval")
    static let invalidEnd = RedisError("ERR invalid end ID for the interval")
}

extension CommandContext {
    /// The stream at `key`; nil when absent, WRONGTYPE for other types.
    func lookupStream(_ key: ByteString) throws(RedisError) -> StreamValue? {
        switch lookup(key) {
        case nil: return nil
        case .stream(let s)?: return s
        default: throw .wrongType
        }
    }

    /// Argument `index` as an integer, or `ERR <message>` when it is not one.
    func integer(at index: Int, orError message: String) throws(RedisError) -> Int64 {
        guard let value = args[index].int64Value else { throw RedisError("ERR " + message) }
        return value
    }

    /// The consumer `name` of `group`, refreshed, or created with Redis's
    /// `xgroup-createconsumer` event (Redis's streamLookupConsumer + streamCreateConsumer).
    func streamConsumer(_ name: ByteString, in group: StreamConsumerGroup, key: ByteString) -> StreamConsumer {
        let existed = group.consumers[name] != nil
        let consumer = group.consumer(name, now: now)
        if !existed { notify(.stream, "xgroup-createconsumer", key) }
        return consumer
    }

    /// A stream id argument: strict refuses `-` and `+`.
    func streamID(at index: Int, missingSeq: UInt64 = 0, strict: Bool) throws(RedisError) -> StreamID {
        guard let parsed = StreamID.parse(args[index], missingSeq: missingSeq, strict: strict) else {
            throw .invalidStreamID
        }
        return parsed.id
    }

    /// A range bound: `(` makes it exclusive (then strict); returns the inclusive bound.
    func intervalID(at index: Int, isStart: Bool) throws(RedisError) -> StreamID {
        let text = args[index]
        let missing: UInt64 = isStart ? 0 : .max
        if text.count > 1, text.bytes[0] == UInt8(ascii: "(") {
            guard let parsed = StreamID.parse(ByteString(Array(text.bytes.dropFirst())), missingSeq: missing, strict: true) else {
                throw .invalidStreamID
            }
            if isStart {
                guard let next = parsed.id.successor else { throw .invalidStart }
                return next
            }
            guard let previous = parsed.id.predecessor else { throw .invalidEnd }
            return previous
        }
        return try streamID(at: index, missingSeq: missing, strict: false)
    }
}

extension StreamEntry {
    /// `[id, [field, value, …]]`, as XRANGE replies.
    var reply: RESPValue {
        .array([.streamID(id), .array(fields.map { .bulk($0) })])
    }
}

extension RESPValue {
    /// A stream id as a bulk string.
    static func streamID(_ id: StreamID) -> RESPValue { .bulkString(id.textBytes) }
}
