import NIOCore
import Synchronization

/// The connections of one event loop with output waiting for the end of the loop's turn, and
/// the one task per turn that writes them out.
///
/// Replies and messages from commands run on a connection's own loop (the usual case: `serve`
/// runs one loop) are written straight into its output buffer, and the connection is noted
/// here; at the end of the loop's turn, after its reads, as Redis writes its clients in
/// `beforeSleep`, every noted connection is flushed once, however many replies and messages
/// each got. A message from another thread goes through the connection's mailbox: a publish to
/// S subscribers schedules one task per loop, not one per subscriber, and that task writes and
/// flushes every waiting connection in the order their first message came.
final class LoopPushDelivery: Sendable {
    let eventLoop: ServeEventLoop
    private let ready = Mutex<[NIOLoopBound<SimulatorClientHandler>]>([])
    /// Connections with output written on the loop and not flushed since; read and written on
    /// the loop only.
    private let written = LoopConfined<[SimulatorClientHandler]>([])
    /// The connections being flushed, kept apart from `written` (which a flush may add to) and
    /// kept for its capacity.
    private let flushing = LoopConfined<[SimulatorClientHandler]>([])

    init(eventLoop: ServeEventLoop) {
        self.eventLoop = eventLoop
        // Held by the loop until it stops (a weak reference would cost atomics every turn).
        eventLoop.atEachTurnEnd { self.flushWritten() }
    }

    /// Asks for `handler`'s mailbox to be delivered; called when it stops being empty, from
    /// any thread.
    func schedule(_ handler: NIOLoopBound<SimulatorClientHandler>) {
        let first = ready.withLock { handlers in
            handlers.append(handler)
            return handlers.count == 1
        }
        if first { eventLoop.execute { self.deliver() } }
    }

    /// Notes that `handler` has output to flush at the end of the turn; called on the loop,
    /// once until its flush.
    func flushAtEndOfTurn(_ handler: SimulatorClientHandler) {
        written.value.append(handler)
    }

    private func deliver() {
        let handlers = ready.withLock { handlers in
            defer { handlers.removeAll(keepingCapacity: true) }
            return handlers
        }
        for handler in handlers { handler.value.deliverPushes() }
    }

    private func flushWritten() {
        // A flush can write more messages (a connection closed by a failed write drops its
        // subscriptions): those are flushed in the next round.
        while !written.value.isEmpty {
            swap(&written.value, &flushing.value)
            // Latest first, as Redis puts a client at the head of its pending writes: a
            // publisher, noted after the subscribers its PUBLISH wrote to, gets its reply
            // before they get the message, and sends its next message sooner.
            for handler in flushing.value.reversed() { handler.turnEnded() }
            flushing.value.removeAll(keepingCapacity: true)
        }
    }
}
