/// A stream: entries ordered by id, with consumer groups (Redis's `stream`).
public final class StreamValue {
    /// The entries.
    var log = StreamEntryLog()
    /// The greatest id ever generated (last-generated-id), even if since deleted.
    public internal(set) var lastID = StreamID.zero
    /// The greatest id ever deleted by XDEL (max-deleted-entry-id).
    public internal(set) var maxDeletedID = StreamID.zero
    /// How many entries were ever added (entries-added).
    public internal(set) var entriesAdded: UInt64 = 0
    /// The id of the first entry (recorded-first-entry-id), 0-0 when empty.
    public internal(set) var firstID = StreamID.zero
    /// Consumer groups by name.
    var groups: [ByteString: StreamConsumerGroup] = [:]

    public init() {}

    /// The number of entries (XLEN).
    public var count: Int { log.count }

    /// A deep copy, for COPY.
    public func clone() -> StreamValue {
        let copy = StreamValue()
        copy.log = log
        copy.lastID = lastID
        copy.maxDeletedID = maxDeletedID
        copy.entriesAdded = entriesAdded
        copy.firstID = firstID
        copy.groups = groups.mapValues { $0.clone() }
        return copy
    }

    /// Groups in name order, as Redis's radix tree lists them.
    var sortedGroups: [StreamConsumerGroup] { groups.values.sorted { $0.name < $1.name } }

    /// Appends an entry with a new id (Redis's streamAppendItem): `requested` nil generates one
    /// from `now`; `autoSeq` generates only the sequence. Nil when the id is not above the top item.
    func append(fields: ArraySlice<ByteString>, requested: StreamID?, autoSeq: Bool, now: Int64,
                nodeCapacity: Int = StreamEntryLog.nodeCapacity) -> StreamID? {
        var id: StreamID
        if let requested {
            if autoSeq {
                if requested.ms == lastID.ms {
                    guard lastID.seq < .max else { return nil }
                    id = StreamID(ms: requested.ms, seq: lastID.seq + 1)
                } else {
                    guard requested.ms > lastID.ms else { return nil }
                    id = StreamID(ms: requested.ms, seq: 0)
                }
            } else {
                id = requested
            }
            guard id > lastID else { return nil }
        } else {
            let ms = UInt64(max(0, now))
            if ms > lastID.ms {
                id = StreamID(ms: ms, seq: 0)
            } else {
                guard let next = lastID.successor else { return nil }
                id = next
            }
        }
        log.append(id: id, fields: fields, nodeCapacity: nodeCapacity)
        if log.count == 1 { firstID = id }
        lastID = id
        entriesAdded += 1
        return id
    }

    /// Deletes the entry `id`; true if it existed (Redis's XDEL bookkeeping included).
    func delete(_ id: StreamID) -> Bool {
        guard log.remove(id) else { return false }
        if id > maxDeletedID { maxDeletedID = id }
        firstID = log.firstID ?? .zero
        return true
    }

    /// Trims by MAXLEN or MINID; returns the number of entries removed.
    func trim(maxLength: Int?, minID: StreamID?, approximate: Bool, limit: Int) -> Int {
        let removed = log.trim(approximate: approximate, limit: limit, keepAtLeast: maxLength, minID: minID)
        if removed > 0 { firstID = log.firstID ?? .zero }
        return removed
    }

    /// True when a deleted entry may lie in `start...end` (Redis's streamRangeHasTombstones).
    func rangeHasTombstones(from start: StreamID, to end: StreamID = .max) -> Bool {
        guard count > 0, maxDeletedID != .zero, firstID <= maxDeletedID else { return false }
        return start <= maxDeletedID && maxDeletedID <= end
    }

    /// How many entries were added up to `id`, or nil when unknowable
    /// (Redis's streamEstimateDistanceFromFirstEverEntry).
    func entriesAddedUpTo(_ id: StreamID) -> Int64? {
        if entriesAdded == 0 { return 0 }
        if count == 0 && id <= lastID { return Int64(entriesAdded) }
        if id == lastID { return Int64(entriesAdded) }
        if id > lastID { return nil }
        if maxDeletedID == .zero || maxDeletedID < firstID {
            if id < firstID { return Int64(entriesAdded) - Int64(count) }
            if id == firstID { return Int64(entriesAdded) - Int64(count) + 1 }
        }
        return nil
    }

    /// The group's lag (XINFO GROUPS `lag`), nil when it cannot be known.
    func lag(of group: StreamConsumerGroup) -> Int64? {
        if entriesAdded == 0 { return 0 }
        if let read = group.entriesRead, !rangeHasTombstones(from: group.lastID) {
            return Int64(entriesAdded) - read
        }
        return entriesAddedUpTo(group.lastID).map { Int64(entriesAdded) - $0 }
    }
}
