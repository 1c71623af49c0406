import RESP

extension ServerState {
    /// Publishes `__keyspace@<db>__:<key>` and `__keyevent@<db>__:<event>` messages when
    /// `notify-keyspace-events` selects the event's class (Redis's notifyKeyspaceEvent).
    @inline(__always)
    func notifyKeyspaceEvent(_ eventClass: KeyspaceEventClass, event: String, key: ByteString, db: Int) {
        // Asked in the caller: with notify-keyspace-events empty (the default) nothing is built.
        guard config.keyspaceEvents != nil else { return }
        publishKeyspaceEvent(eventClass, event: event, key: key, db: db)
    }

    private func publishKeyspaceEvent(_ eventClass: KeyspaceEventClass, event: String, key: ByteString, db: Int) {
        guard let flags = config.keyspaceEvents, flags.contains(KeyspaceEventFlags(eventClass))
        else { return }
        let eventBytes = ByteString(event)
        if flags.contains(.keyspace) {
            publish(eventBytes, to: ByteString(Array("__keyspace@\(db)__:".utf8) + key.bytes))
        }
        if flags.contains(.keyevent) {
            publish(key, to: ByteString("__keyevent@\(db)__:\(event)"))
        }
    }
}
