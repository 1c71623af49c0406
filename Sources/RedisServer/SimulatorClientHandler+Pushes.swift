import NIOCore
import RedisSimulator

/// How messages other clients' commands push to this connection (Pub/Sub messages, keyspace
/// notifications, invalidations, MONITOR lines) reach its socket, in the order they happened.
extension SimulatorClientHandler {
    /// Takes `client`'s pushed messages, which arrive under the simulator's lock on whichever
    /// thread ran the command: one caused by this connection's own command follows that
    /// command's reply; one from a command run on this connection's loop goes straight into its
    /// output buffer when nothing must precede it, flushed once per loop turn; any other waits
    /// in the mailbox for this loop.
    func installPushHandler(on client: SimulatorClient, loop: any EventLoop) {
        let bound = NIOLoopBound(self, eventLoop: loop)
        let onLoop = LoopConfined(self)
        let mailbox = self.mailbox
        let delivery = self.delivery
        client.wirePushHandler = { bytes in
            if loop.inEventLoop {
                let handler = onLoop.value
                if handler.executing {
                    handler.pushesDuringCommand.append(bytes)
                    return
                }
                if handler.writesPushesAtOnce {
                    handler.writePushAtOnce(bytes)
                    return
                }
            }
            if mailbox.post(bytes) { delivery.schedule(bound) }
        }
    }

    /// Writes and flushes what the mailbox holds: the delivery of messages from other threads.
    func deliverPushes() {
        writeMailbox()
        flush()
    }

    /// True when a message published on this connection's loop may go straight into its output
    /// buffer: nothing that must precede it waits elsewhere (messages from other threads in the
    /// mailbox, a blocked command's reply, a script's results, all written by later tasks).
    var writesPushesAtOnce: Bool { !blocked && !waitingForScript && !mailbox.hasMessages }

    /// Writes a message published on this loop, to be flushed with every other message of the
    /// loop's turn.
    func writePushAtOnce(_ bytes: [UInt8]) {
        guard client != nil, !closing else { return }
        outgoing.writeEncoded(bytes)
        flushAtEndOfTurn()
    }

    /// Writes what the mailbox holds, collected now (under the simulator's lock when this
    /// connection's commands are about to be answered, so earlier messages go first).
    func writeMailbox() {
        mailbox.collect(into: &collected)
        writeMessages(collected)
        collected.removeAll(keepingCapacity: true)
    }

    func writeMessages(_ messages: [[UInt8]]) {
        guard client != nil, !closing else { return }
        for message in messages { outgoing.writeEncoded(message) }
    }
}
