/// Serializes a stream as RDB_TYPE_STREAM_LISTPACKS_2: its entries in listpack nodes laid out
/// as XADD builds them (a master entry of the first entry's fields, then delta-encoded entries),
/// its metadata, and every consumer group with its pending entries and consumers.
enum RDBStreamEncoder {
    /// Redis's defaults `stream-node-max-bytes` and `stream-node-max-entries`.
    static let nodeMaxBytes = 4096
    static let nodeMaxEntries = 100
    static let flagSameFields: Int64 = 2

    static func write(_ stream: StreamValue, to out: inout RDBWriter) {
        let nodes = self.nodes(stream.log.range(.zero, .max))
        out.writeLength(nodes.count)
        for node in nodes {
            var key = RDBWriter()
            key.writeRawStreamID(node.master)
            out.writeString(key.bytes)
            out.writeString(node.listpack)
        }
        out.writeLength(stream.count)
        for id in [stream.lastID, stream.firstID, stream.maxDeletedID] {
            out.writeLength(id.ms)
            out.writeLength(id.seq)
        }
        out.writeLength(stream.entriesAdded)
        let groups = stream.sortedGroups
        out.writeLength(groups.count)
        for group in groups {
            out.writeString(group.name)
            out.writeLength(group.lastID.ms)
            out.writeLength(group.lastID.seq)
            // An unknown read counter is Redis's -1, written as an unsigned 64-bit length.
            out.writeLength(UInt64(bitPattern: group.entriesRead ?? -1))
            let pending = group.pending.ids
            out.writeLength(pending.count)
            for id in pending {
                guard let entry = group.pending[id] else { continue }
                out.writeRawStreamID(id)
                out.writeMilliseconds(entry.deliveryTime)
                out.writeLength(UInt64(max(0, entry.deliveryCount)))
            }
            let consumers = group.sortedConsumers
            out.writeLength(consumers.count)
            for consumer in consumers {
                out.writeString(consumer.name)
                out.writeMilliseconds(consumer.seenTime)
                let owned = consumer.pending.ids
                out.writeLength(owned.count)
                for id in owned { out.writeRawStreamID(id) }
            }
        }
    }

    /// The entries split into nodes where XADD would have started a new one.
    private static func nodes(_ entries: [StreamEntry]) -> [(master: StreamID, listpack: [UInt8])] {
        var result: [(master: StreamID, listpack: [UInt8])] = []
        var index = 0
        while index < entries.count {
            let master = entries[index]
            let masterFields = stride(from: 0, to: master.fields.count, by: 2).map { master.fields[$0] }
            var lp = ListpackWriter()
            var body = ListpackWriter()
            var taken = 0
            // The master entry's live count is written last, once known; it stays one byte
            // (at most 100), so the sizes XADD saw are the sizes measured here plus that byte.
            while index < entries.count {
                let entry = entries[index]
                let elementBytes = entry.fields.reduce(0) { $0 + $1.count }
                if taken > 0 {
                    let currentBytes = masterBytes(masterFields).byteCount + body.body.count
                    if currentBytes + elementBytes >= nodeMaxBytes || taken >= nodeMaxEntries { break }
                }
                appendEntry(entry, master: master.id, masterFields: masterFields, to: &body)
                taken += 1
                index += 1
            }
            lp.append(Int64(taken))
            lp.append(0)
            lp.append(Int64(masterFields.count))
            for field in masterFields { lp.append(field) }
            lp.append(0)
            result.append((master.id, Self.joined(lp, body)))
        }
        return result
    }

    private static func masterBytes(_ fields: [ByteString]) -> ListpackWriter {
        var lp = ListpackWriter()
        lp.append(1)
        lp.append(0)
        lp.append(Int64(fields.count))
        for field in fields { lp.append(field) }
        lp.append(0)
        return lp
    }

    private static func appendEntry(_ entry: StreamEntry, master: StreamID, masterFields: [ByteString], to lp: inout ListpackWriter) {
        let pairs = entry.fields.count / 2
        let same = pairs == masterFields.count && (0..<pairs).allSatisfy { entry.fields[2 * $0] == masterFields[$0] }
        lp.append(same ? flagSameFields : 0)
        lp.append(Int64(bitPattern: entry.id.ms &- master.ms))
        lp.append(Int64(bitPattern: entry.id.seq &- master.seq))
        if !same { lp.append(Int64(pairs)) }
        for i in 0..<pairs {
            if !same { lp.append(entry.fields[2 * i]) }
            lp.append(entry.fields[2 * i + 1])
        }
        lp.append(Int64(pairs + 3 + (same ? 0 : pairs + 1)))
    }

    /// One listpack of the master entry's elements followed by the entries' elements.
    private static func joined(_ head: ListpackWriter, _ tail: ListpackWriter) -> [UInt8] {
        var combined = head
        combined.appendEncoded(tail)
        return combined.bytes
    }
}
