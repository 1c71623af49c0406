/// What XREADGROUP replicates as (Redis's streamPropagateXCLAIM and streamPropagateGroupID):
/// each delivery as an XCLAIM that recreates the pending entry exactly, and the group's new
/// position as XGROUP SETID with its read counter.
extension CommandContext {
    func propagateClaim(key: ByteString, group: StreamConsumerGroup, consumer: ByteString, id: StreamID, _ pending: PendingEntry) {
        propagateAlso([
            "XCLAIM", key, group.name, consumer, "0", ByteString(id.description), "TIME", ByteString(pending.deliveryTime),
            "RETRYCOUNT", ByteString(pending.deliveryCount), "FORCE", "JUSTID", "LASTID", ByteString(group.lastID.description),
        ])
    }

    func propagateGroupPosition(key: ByteString, group: StreamConsumerGroup) {
        propagateAlso([
            "XGROUP", "SETID", key, group.name, ByteString(group.lastID.description),
            "ENTRIESREAD", ByteString(group.entriesRead ?? -1),
        ])
    }
}
