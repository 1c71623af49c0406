import NIOCore
import RESP
import RedisSimulator

/// A replica's connection to its primary, as Redis 7.0's replica runs it: PING; REPLCONF
/// listening-port and capa eof psync2; PSYNC ? -1, answered with FULLRESYNC; the snapshot,
/// loaded in place of the dataset; then the command stream, applied as the primary's client,
/// with REPLCONF ACK sent for every GETACK and once a second. It never waits on its event
/// loop: while a script holds the simulator, what arrives waits and is retried shortly.
final class PrimaryLinkHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private enum Step {
        case awaitingPong, awaitingAuthReply, awaitingPortReply, awaitingCapaReply, awaitingFullResync
        case receivingSnapshot(id: String, offset: Int64)
        /// The snapshot is whole and waits for a script to release the simulator.
        case loadingSnapshot
        case streaming
    }

    let simulator: Simulator
    let target: ReplicaLinkTarget
    private var step = Step.awaitingPong
    private var input: ByteBuffer?
    private var snapshot = SnapshotReceiver()
    private var decoder = RESPRequestDecoder()
    /// Stream bytes consumed since the last whole command: the next command's size.
    private var consumedTowardNext = 0
    /// Commands decoded but not yet applied (a script held the simulator).
    private var waiting: [ReplicatedCommand] = []
    private var retryScheduled = false
    private var heartbeat: RepeatedTask?
    private var context: ChannelHandlerContext?
    private var reportedDrop = false

    init(simulator: Simulator, target: ReplicaLinkTarget) {
        self.simulator = simulator
        self.target = target
    }

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }

    func handlerRemoved(context: ChannelHandlerContext) {
        heartbeat?.cancel()
        self.context = nil
    }

    func channelActive(context: ChannelHandlerContext) {
        guard report(.handshake) else { return }
        send(["PING"])
        let bound = NIOLoopBound(self, eventLoop: context.eventLoop)
        heartbeat = context.eventLoop.scheduleRepeatedTask(initialDelay: .seconds(1), delay: .seconds(1)) { _ in
            bound.value.beat()
        }
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        heartbeat?.cancel()
        reportDrop(on: context.eventLoop)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        if var pending = input {
            pending.writeBuffer(&bytes)
            input = pending
        } else {
            input = bytes
        }
        advance()
    }

    /// Goes as far as the bytes read allow.
    private func advance() {
        while context != nil, var buffer = input, buffer.readableBytes > 0 {
            input = nil
            let goOn = take(&buffer)
            if buffer.readableBytes > 0 { input = buffer }
            if !goOn { return }
        }
    }

    /// Consumes what the current step can from `buffer`; false when it must wait.
    private func take(_ buffer: inout ByteBuffer) -> Bool {
        switch step {
        case .awaitingPong, .awaitingAuthReply, .awaitingPortReply, .awaitingCapaReply, .awaitingFullResync:
            guard let line = Self.readLine(&buffer) else { return false }
            // A primary keeps the link alive with empty lines until it answers PSYNC.
            if !line.isEmpty { handshake(line) }
            return true
        case .receivingSnapshot(let id, let offset):
            let hadHeader = snapshot.hasHeader
            let outcome = snapshot.read(&buffer)
            if !hadHeader, snapshot.hasHeader, !report(.sync, transferSize: snapshot.announcedSize) { return false }
            switch outcome {
            case .needMore:
                simulator.replicaLinkTransferred(Int64(snapshot.received.count), generation: target.generation)
                return false
            case .invalid:
                close()
                return false
            case .complete(let rdb):
                snapshot = SnapshotReceiver()
                step = .loadingSnapshot
                return load(rdb, id: id, offset: offset)
            }
        case .loadingSnapshot:
            return false
        case .streaming:
            decodeStream(&buffer)
            applyWaiting()
            return false
        }
    }

    private func handshake(_ line: String) {
        switch step {
        case .awaitingPong:
            // Redis goes on after an authentication error to PING too: AUTH would follow.
            guard line.hasPrefix("+") || line.hasPrefix("-NOAUTH") || line.hasPrefix("-NOPERM")
                || line.hasPrefix("-ERR operation not permitted") else { return close() }
            // As Redis, AUTH and both REPLCONFs go out together; the replies come back in order.
            if let authentication = target.authentication { send(authentication) }
            send(["REPLCONF", "listening-port", String(target.listeningPort)])
            send(["REPLCONF", "capa", "eof", "capa", "psync2"])
            step = target.authentication == nil ? .awaitingPortReply : .awaitingAuthReply
        case .awaitingAuthReply:
            // A refused AUTH ends this attempt; the link is tried again a second later.
            guard !line.hasPrefix("-") else { return close() }
            step = .awaitingPortReply
        case .awaitingPortReply:
            // A primary that refuses REPLCONF is still followed, as Redis does.
            step = .awaitingCapaReply
        case .awaitingCapaReply:
            send(["PSYNC", "?", "-1"])
            step = .awaitingFullResync
        case .awaitingFullResync:
            let words = line.split(separator: " ")
            guard words.count >= 3, words[0] == "+FULLRESYNC", let offset = Int64(words[2]) else { return close() }
            step = .receivingSnapshot(id: String(words[1]), offset: offset)
        case .receivingSnapshot, .loadingSnapshot, .streaming:
            break
        }
    }

    private func load(_ rdb: [UInt8], id: String, offset: Int64) -> Bool {
        switch simulator.replicaLinkLoaded(rdb, replicationID: id, offset: offset, generation: target.generation) {
        case .done(.success(true)):
            step = .streaming
            // The first ACK puts this replica online on a diskless primary.
            sendAck(offset)
            return true
        case .done(.success(false)), .done(.failure):
            close()
            return false
        case .busy:
            // A script holds the simulator: try the load again shortly.
            guard let loop = context?.eventLoop else { return false }
            let bound = NIOLoopBound(self, eventLoop: loop)
            loop.scheduleTask(in: .milliseconds(10)) {
                let handler = bound.value
                if handler.load(rdb, id: id, offset: offset) { handler.advance() }
            }
            return false
        }
    }

    private func decodeStream(_ buffer: inout ByteBuffer) {
        while true {
            let before = buffer.readerIndex
            let frame = decoder.next(from: &buffer, authenticated: true, maxBulkLength: Int64(Int32.max))
            consumedTowardNext += buffer.readerIndex - before
            guard let frame else { return }
            switch frame {
            case .command(let arguments):
                waiting.append(ReplicatedCommand(arguments: arguments, byteCount: consumedTowardNext))
                consumedTowardNext = 0
            case .protocolError:
                close()
                return
            }
        }
    }

    private func applyWaiting() {
        guard !waiting.isEmpty, !retryScheduled, let context else { return }
        switch simulator.replicaLinkApply(waiting[...], generation: target.generation) {
        case .done(let acks?):
            waiting.removeAll(keepingCapacity: true)
            for offset in acks { sendAck(offset) }
        case .done(nil):
            close()
        case .busy:
            retryScheduled = true
            let bound = NIOLoopBound(self, eventLoop: context.eventLoop)
            context.eventLoop.scheduleTask(in: .milliseconds(10)) {
                bound.value.retryScheduled = false
                bound.value.applyWaiting()
            }
        }
    }

    /// Once a second: the ACK Redis's replicationCron sends, and the repl-timeout check.
    private func beat() {
        guard context != nil else { return }
        if case .done(let lastIO) = simulator.replicaLinkLastIO(generation: target.generation) {
            guard let lastIO else { return close() }
            if simulator.clock.nowMilliseconds() - lastIO > target.timeoutSeconds * 1000 { return close() }
        }
        if case .streaming = step, case .done(let offset?) = simulator.replicaLinkOffset(generation: target.generation) {
            sendAck(offset)
        }
    }

    private func report(_ phase: ReplicaLinkPhase, transferSize: Int64 = -1) -> Bool {
        switch simulator.replicaLinkReached(phase, generation: target.generation, transferSize: transferSize) {
        case .done(true), .busy: return true
        case .done(false):
            close()
            return false
        }
    }

    private func reportDrop(on loop: any EventLoop) {
        guard !reportedDrop else { return }
        if case .busy = simulator.replicaLinkDropped(generation: target.generation) {
            let bound = NIOLoopBound(self, eventLoop: loop)
            loop.scheduleTask(in: .milliseconds(10)) { bound.value.reportDrop(on: loop) }
            return
        }
        reportedDrop = true
    }

    private func sendAck(_ offset: Int64) {
        send(["REPLCONF", "ACK", String(offset)])
    }

    private func send(_ words: [String]) {
        guard let context else { return }
        var buffer = context.channel.allocator.buffer(capacity: 64)
        buffer.writeRESPValue(.array(words.map { .bulk($0) }))
        context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
    }

    private func close() {
        context?.close(promise: nil)
    }

    /// One CRLF-ended line at the front of `buffer`, without its end; nil until it is whole.
    static func readLine(_ buffer: inout ByteBuffer) -> String? {
        guard let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else { return nil }
        let bytes = buffer.readBytes(length: newline - buffer.readerIndex + 1) ?? []
        return String(decoding: bytes.prefix { $0 != UInt8(ascii: "\r") && $0 != UInt8(ascii: "\n") }, as: UTF8.self)
    }
}
