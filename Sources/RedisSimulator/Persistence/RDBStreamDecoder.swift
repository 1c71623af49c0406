/// Reads RDB_TYPE_STREAM_LISTPACKS (Redis 5–6) and _2 (7.0): the listpack nodes with their
/// master entries and tombstones, the metadata, and the consumer groups. Every reference is
/// checked (node keys, ids in order, PEL entries owned by a consumer), so a corrupt payload
/// is refused instead of becoming a stream the commands would trip over.
enum RDBStreamDecoder {
    static func read(from reader: inout RDBReader, version2: Bool) throws(RDBFormatError) -> StreamValue {
        let stream = StreamValue()
        let nodeCount = try reader.readCount()
        var previous: StreamID?
        for _ in 0..<nodeCount {
            let key = try reader.readString()
            guard key.count == 16 else { throw .corrupt("stream node key is not the size of a stream ID") }
            let master = StreamID(ms: try RDBReader.bigEndian(Array(key[0..<8])), seq: try RDBReader.bigEndian(Array(key[8..<16])))
            let items = try ListpackReader.elements(try reader.readString())
            guard !items.isEmpty else { throw .corrupt("empty listpack inside stream") }
            for entry in try entries(items, master: master) {
                if let previous, entry.id <= previous { throw .corrupt("stream entries out of order") }
                previous = entry.id
                stream.log.append(entry)
            }
        }
        _ = try reader.readLength()   // the length, which the entries themselves give
        stream.lastID = StreamID(ms: try reader.readLength(), seq: try reader.readLength())
        if version2 {
            stream.firstID = StreamID(ms: try reader.readLength(), seq: try reader.readLength())
            stream.maxDeletedID = StreamID(ms: try reader.readLength(), seq: try reader.readLength())
            stream.entriesAdded = try reader.readLength()
        } else {
            stream.entriesAdded = UInt64(stream.count)
            stream.firstID = stream.log.firstID ?? .zero
        }
        if let last = stream.log.lastID, last > stream.lastID { throw .corrupt("stream last id below its entries") }

        let groupCount = try reader.readCount()
        for _ in 0..<groupCount {
            let name = ByteString(try reader.readString())
            let lastID = StreamID(ms: try reader.readLength(), seq: try reader.readLength())
            let entriesRead: Int64?
            if version2 {
                let raw = Int64(bitPattern: try reader.readLength())
                entriesRead = raw < 0 ? nil : raw
            } else {
                entriesRead = stream.entriesAddedUpTo(lastID)
            }
            guard stream.groups[name] == nil else { throw .corrupt("duplicated consumer group name") }
            let group = StreamConsumerGroup(name: name, lastID: lastID, entriesRead: entriesRead)
            stream.groups[name] = group
            let pendingCount = try reader.readCount()
            for _ in 0..<pendingCount {
                let id = try reader.readRawStreamID()
                let deliveryTime = try reader.readMilliseconds()
                let deliveryCount = try reader.readLength()
                guard group.pending[id] == nil else { throw .corrupt("duplicated global PEL entry") }
                group.pending.insert(id, PendingEntry(
                    consumer: nil, deliveryTime: deliveryTime, deliveryCount: Int64(clamping: deliveryCount)))
            }
            let consumerCount = try reader.readCount()
            for _ in 0..<consumerCount {
                let consumerName = ByteString(try reader.readString())
                guard group.consumers[consumerName] == nil else { throw .corrupt("duplicate stream consumer") }
                let consumer = StreamConsumer(name: consumerName, seenTime: try reader.readMilliseconds())
                group.consumers[consumerName] = consumer
                let owned = try reader.readCount()
                for _ in 0..<owned {
                    let id = try reader.readRawStreamID()
                    guard let entry = group.pending[id] else { throw .corrupt("consumer entry not found in group global PEL") }
                    guard consumer.pending[id] == nil, entry.consumer == nil else { throw .corrupt("duplicated consumer PEL entry") }
                    entry.consumer = consumer
                    consumer.pending.insert(id, entry)
                }
            }
            for id in group.pending.ids where group.pending[id]?.consumer == nil {
                throw .corrupt("stream CG PEL entry without consumer")
            }
        }
        return stream
    }

    /// The live entries of one node: the master entry's fields, then each entry's flags, id
    /// deltas, fields (or values only with SAMEFIELDS) and back-count; deleted ones skipped.
    private static func entries(_ items: [PackedElement], master: StreamID) throws(RDBFormatError) -> [StreamEntry] {
        var p = 0
        func next() throws(RDBFormatError) -> PackedElement {
            guard p < items.count else { throw .corrupt("stream listpack ends inside an entry") }
            defer { p += 1 }
            return items[p]
        }
        func integer() throws(RDBFormatError) -> Int64 {
            guard let value = try next().integerValue else { throw .corrupt("stream listpack integer expected") }
            return value
        }
        let live = try integer(), deleted = try integer(), masterCount = try integer()
        guard live >= 0, deleted >= 0, masterCount >= 0, masterCount <= items.count else { throw .corrupt("stream master entry") }
        var masterFields: [ByteString] = []
        for _ in 0..<masterCount { masterFields.append(try next().byteString) }
        guard try integer() == 0 else { throw .corrupt("stream master entry terminator") }

        var result: [StreamEntry] = []
        var seen: Int64 = 0
        while p < items.count {
            let flags = try integer()
            let ms = master.ms &+ UInt64(bitPattern: try integer())
            let seq = master.seq &+ UInt64(bitPattern: try integer())
            let sameFields = flags & 2 != 0
            let count = sameFields ? masterCount : try integer()
            guard count >= 0, count <= items.count else { throw .corrupt("stream entry field count") }
            var fields: [ByteString] = []
            for i in 0..<Int(count) {
                fields.append(sameFields ? masterFields[i] : try next().byteString)
                fields.append(try next().byteString)
            }
            _ = try integer()   // lp-count, for walking backwards
            seen += 1
            if flags & 1 == 0 { result.append(StreamEntry(id: StreamID(ms: ms, seq: seq), fields: fields)) }
        }
        guard seen == live + deleted, Int64(result.count) == live else { throw .corrupt("stream node counts") }
        return result
    }
}
