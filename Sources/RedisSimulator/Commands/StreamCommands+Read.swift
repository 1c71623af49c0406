import RESP

/// XREAD and XREADGROUP, blocking included (Redis's xreadCommand and serveClientsBlockedOnStreamKey).
extension CommandTable {
    private struct GroupRead {
        let group: ByteString
        let consumer: ByteString
        let noAck: Bool
    }

    static func xread(_ ctx: CommandContext, group isGroupRead: Bool) throws(RedisError) -> RESPValue {
        var timeout: Int64 = -1
        var count: Int64 = 0
        var streamsAt = 0
        var groupName: ByteString?, consumerName: ByteString?
        var noAck = false
        var i = 1
        while i < ctx.count {
            let more = ctx.count - i - 1
            let arg = ctx[i]
            if arg.matchesOption("BLOCK"), more > 0 {
                if ctx.client.isScriptClient {
                    throw RedisError("ERR \(String(decoding: ctx[0].bytes, as: UTF8.self)) command is not allowed with BLOCK option from scripts")
                }
                i += 1
                timeout = try ctx.integer(at: i, orError: "timeout is not an integer or out of range")
                guard timeout >= 0 else { throw RedisError.negativeTimeout }
            } else if arg.matchesOption("COUNT"), more > 0 {
                i += 1
                count = max(0, try ctx.integer(at: i))
            } else if arg.matchesOption("STREAMS"), more > 0 {
                streamsAt = i + 1
                guard (ctx.count - streamsAt) % 2 == 0 else {
                    throw RedisError("ERR Unbalanced XREAD list of streams: for each stream key an ID or '$' must be specified.")
                }
                break
            } else if arg.matchesOption("GROUP"), more >= 2 {
                guard isGroupRead else {
                    throw RedisError("ERR The GROUP option is only supported by XREADGROUP. You called XREAD instead.")
                }
                groupName = ctx[i + 1]
                consumerName = ctx[i + 2]
                i += 2
            } else if arg.matchesOption("NOACK") {
                guard isGroupRead else {
                    throw RedisError("ERR The NOACK option is only supported by XREADGROUP. You called XREAD instead.")
                }
                noAck = true
            } else {
                throw RedisError.syntax
            }
            i += 1
        }
        guard streamsAt > 0 else { throw RedisError.syntax }
        if isGroupRead && groupName == nil { throw RedisError("ERR Missing GROUP option for XREADGROUP") }
        let groupRead = groupName.map { GroupRead(group: $0, consumer: consumerName!, noAck: noAck) }

        let streamCount = (ctx.count - streamsAt) / 2
        let keys = Array(ctx.args[streamsAt..<(streamsAt + streamCount)])
        var ids: [StreamID] = []
        for (offset, key) in keys.enumerated() {
            let index = streamsAt + streamCount + offset
            let stream = try ctx.lookupStream(key)
            if let groupRead, stream?.groups[groupRead.group] == nil {
                throw RedisError(
                    "NOGROUP No such key '\(key.errorText)' or consumer group '\(groupRead.group.errorText)' in XREADGROUP with GROUP option")
            }
            if ctx[index].bytes == [UInt8(ascii: "$")] {
                guard !isGroupRead else {
                    throw RedisError("ERR The $ ID is meaningless in the context of XREADGROUP: you want to read the history of this consumer by specifying a proper ID, or use the > ID to get new messages. The $ ID would just return an empty result set.")
                }
                ids.append(stream?.lastID ?? .zero)
            } else if ctx[index].bytes == [UInt8(ascii: ">")] {
                guard isGroupRead else {
                    throw RedisError("ERR The > ID can be specified only when calling XREADGROUP using the GROUP <group> <consumer> option.")
                }
                ids.append(.max)
            } else {
                ids.append(try ctx.streamID(at: index, strict: true))
            }
        }

        // XREADGROUP replicates only what serving entries propagates (XCLAIM, XGROUP …), never
        // itself (Redis's preventCommandPropagation).
        if isGroupRead { ctx.propagateInstead([]) }
        var replies: [(ByteString, [RESPValue])] = []
        for (offset, key) in keys.enumerated() {
            guard let stream = try ctx.lookupStream(key) else { continue }
            if let entries = serve(ctx, stream, key: key, after: ids[offset], count: Int(clamping: count), groupRead) {
                replies.append((key, entries))
            }
        }
        if !replies.isEmpty { return streamsReply(ctx, replies) }
        guard timeout >= 0 else { return .nullArray }

        let blockedCount = count > 0 ? Int(clamping: count) : 1000
        let waitedIDs = Dictionary(zip(keys, ids), uniquingKeysWith: { first, _ in first })
        return ctx.block(on: keys, timeoutMilliseconds: timeout, timeoutReply: .nullArray) { retryCtx, key throws(RedisError) in
            guard case .stream(let stream)? = retryCtx.lookup(key) else {
                // A group reader cannot outlive its stream (Redis's unblockDeletedStreamReadgroupClients).
                return groupRead == nil ? nil : .error("UNBLOCKED the stream key no longer exists")
            }
            var after = waitedIDs[key] ?? .zero
            if let groupRead {
                guard let group = stream.groups[groupRead.group] else {
                    return .error("NOGROUP the consumer group this client was blocked on no longer exists")
                }
                after = group.lastID
            }
            guard stream.lastID > after else { return nil }
            guard let entries = serve(retryCtx, stream, key: key, after: groupRead == nil ? after : .max,
                                      count: blockedCount, groupRead), !entries.isEmpty || groupRead != nil
            else { return nil }
            return streamsReply(retryCtx, [(key, entries)])
        }
    }

    /// XREAD's reply: one [key, entries] pair per stream in RESP2, a map from key to entries
    /// in RESP3.
    private static func streamsReply(_ ctx: CommandContext, _ streams: [(ByteString, [RESPValue])]) -> RESPValue {
        if ctx.resp3 { return .map(streams.flatMap { [.bulk($0.0), .array($0.1)] }) }
        return .array(streams.map { .array([.bulk($0.0), .array($0.1)]) })
    }

    /// The entries one stream contributes, or nil when it has nothing to serve now.
    private static func serve(
        _ ctx: CommandContext, _ stream: StreamValue, key: ByteString, after: StreamID, count: Int, _ groupRead: GroupRead?
    ) -> [RESPValue]? {
        guard let groupRead, let group = stream.groups[groupRead.group] else {
            guard let lastID = stream.log.lastID, lastID > after, let start = after.successor else { return nil }
            return stream.log.range(start, .max, limit: count).map(\.reply)
        }
        if after != .max {
            let consumer = ctx.streamConsumer(groupRead.consumer, in: group, key: key)
            // History: this consumer's own pending entries after `after`.
            var result: [RESPValue] = []
            let start = after.successor ?? .max
            for id in consumer.pending.ids(from: start) {
                if count > 0 && result.count == count { break }
                guard let pending = consumer.pending[id] else { continue }
                pending.deliveryTime = ctx.now
                pending.deliveryCount += 1
                ctx.propagateClaim(key: key, group: group, consumer: consumer.name, id: id, pending)
                if let entry = stream.log.entry(id) {
                    result.append(entry.reply)
                } else {
                    result.append(.array([.streamID(id), .nullArray]))
                }
            }
            return result
        }
        // The consumer only comes into being when there is something to deliver, as in Redis.
        guard let lastID = stream.log.lastID, lastID > group.lastID, let start = group.lastID.successor else { return nil }
        let isNewConsumer = group.consumers[groupRead.consumer] == nil
        let consumer = ctx.streamConsumer(groupRead.consumer, in: group, key: key)
        // Without NOACK the XCLAIMs below recreate the consumer and carry the group's position;
        // with it, replicas get the consumer and the position on their own (Redis's
        // streamPropagateConsumerCreation and streamPropagateGroupID).
        if groupRead.noAck, isNewConsumer {
            ctx.propagateAlso(["XGROUP", "CREATECONSUMER", key, group.name, consumer.name])
        }
        let entries = stream.log.range(start, .max, limit: count)
        for entry in entries {
            if entry.id > group.lastID {
                if let read = group.entriesRead, !stream.rangeHasTombstones(from: entry.id) {
                    group.entriesRead = read + 1
                } else if stream.entriesAdded > 0 {
                    group.entriesRead = stream.entriesAddedUpTo(entry.id)
                }
                group.lastID = entry.id
            }
            if !groupRead.noAck {
                if let existing = group.pending[entry.id] {
                    existing.deliveryTime = ctx.now
                    existing.deliveryCount = 1
                    group.assign(entry.id, existing, to: consumer)
                } else {
                    let pending = PendingEntry(consumer: consumer, deliveryTime: ctx.now)
                    group.pending.insert(entry.id, pending)
                    consumer.pending.insert(entry.id, pending)
                }
                if let delivered = group.pending[entry.id] {
                    ctx.propagateClaim(key: key, group: group, consumer: consumer.name, id: entry.id, delivered)
                }
            }
        }
        if !entries.isEmpty, groupRead.noAck { ctx.propagateGroupPosition(key: key, group: group) }
        return entries.map(\.reply)
    }
}
