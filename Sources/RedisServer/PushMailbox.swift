import Synchronization

/// Messages pushed to one connection by other clients' commands, in their wire form, handed
/// over from another thread than the connection's event loop. Only the first message since the
/// last collection needs a delivery: that delivery writes every message that arrived by then,
/// with one flush, as Redis writes a subscriber's messages once per event-loop turn.
final class PushMailbox: Sendable {
    private let pending = Mutex<[[UInt8]]>([])
    /// Whether `pending` holds messages, readable without the lock: messages are posted under
    /// the simulator's lock, so a reader holding that lock reads it exactly.
    private let occupied = Atomic<Bool>(false)

    /// True while messages wait: a message from the connection's own loop must then queue
    /// behind them rather than be written at once.
    var hasMessages: Bool { occupied.load(ordering: .acquiring) }

    /// Adds a message; true when the mailbox was empty, so a delivery must be scheduled.
    func post(_ message: [UInt8]) -> Bool {
        pending.withLock { messages in
            messages.append(message)
            guard messages.count == 1 else { return false }
            occupied.store(true, ordering: .releasing)
            return true
        }
    }

    /// Every message posted since the last collection, in order; `into` is emptied first and
    /// its capacity reused.
    func collect(into messages: inout [[UInt8]]) {
        messages.removeAll(keepingCapacity: true)
        guard hasMessages else { return }
        pending.withLock {
            swap(&$0, &messages)
            occupied.store(false, ordering: .releasing)
        }
    }
}
