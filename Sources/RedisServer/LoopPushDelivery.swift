import NIOCore
import Synchronization

/// The connections of one event loop that have pushed messages waiting: a publish to S
/// subscribers schedules one task per loop, not one per subscriber, and that task writes and
/// flushes every waiting connection in the order their first message came.
final class LoopPushDelivery: Sendable {
    let eventLoop: any EventLoop
    private let ready = Mutex<[NIOLoopBound<SimulatorClientHandler>]>([])

    init(eventLoop: any EventLoop) { self.eventLoop = eventLoop }

    /// Asks for `handler`'s mailbox to be delivered; called when it stops being empty, from
    /// any thread.
    func schedule(_ handler: NIOLoopBound<SimulatorClientHandler>) {
        let first = ready.withLock { handlers in
            handlers.append(handler)
            return handlers.count == 1
        }
        if first { eventLoop.execute { self.deliver() } }
    }

    private func deliver() {
        let handlers = ready.withLock { handlers in
            defer { handlers.removeAll(keepingCapacity: true) }
            return handlers
        }
        for handler in handlers { handler.value.deliverPushes() }
    }
}
