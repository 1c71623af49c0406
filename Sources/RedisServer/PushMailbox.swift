import RESP
import Synchronization

/// Messages pushed to one connection by other clients' commands, handed over from whichever
/// thread ran them. Only the first message since the last collection needs a delivery task:
/// that task writes every message that arrived by then, with one flush, as Redis writes a
/// subscriber's messages once per event-loop turn.
final class PushMailbox: Sendable {
    private let pending = Mutex<[RESPValue]>([])

    /// Adds a message; true when the mailbox was empty, so a delivery must be scheduled.
    func post(_ message: RESPValue) -> Bool {
        pending.withLock { messages in
            messages.append(message)
            return messages.count == 1
        }
    }

    /// Every message posted since the last collection, in order.
    func collect() -> [RESPValue] {
        pending.withLock { messages in
            defer { messages.removeAll(keepingCapacity: true) }
            return messages
        }
    }
}
