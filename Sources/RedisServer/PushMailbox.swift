import Synchronization

/// Messages pushed to one connection by other clients' commands, in their wire form, handed
/// over from whichever thread ran them. Only the first message since the last collection needs
/// a delivery: that delivery writes every message that arrived by then, with one flush, as
/// Redis writes a subscriber's messages once per event-loop turn.
final class PushMailbox: Sendable {
    private let pending = Mutex<[[UInt8]]>([])

    /// Adds a message; true when the mailbox was empty, so a delivery must be scheduled.
    func post(_ message: [UInt8]) -> Bool {
        pending.withLock { messages in
            messages.append(message)
            return messages.count == 1
        }
    }

    /// Every message posted since the last collection, in order; `into` is emptied first and
    /// its capacity reused.
    func collect(into messages: inout [[UInt8]]) {
        messages.removeAll(keepingCapacity: true)
        pending.withLock { swap(&$0, &messages) }
    }
}
