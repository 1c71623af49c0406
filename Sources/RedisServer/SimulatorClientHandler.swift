import NIOCore
import RESP
import RedisSimulator

/// Runs one connection's commands on the simulator, in order: the requests of one read run
/// together under one acquisition of the simulator's lock and are answered in one write; a
/// blocked command holds back the commands behind it (as Redis does) without holding the event
/// loop; pushes from other clients are written as they come.
final class SimulatorClientHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// The most requests held before running them, however many one read brings.
    static let pipelineLimit = 1024

    private let simulator: Simulator
    private var decoder = RESPRequestDecoder()
    /// Bytes read but not yet decoded: the start of a request still arriving.
    private var unread: ByteBuffer?
    /// Whether the client has authenticated, which sets the decoder's size limits.
    private var authenticated = true
    private let onShutdown: @Sendable () -> Void
    private var client: SimulatorClient?
    private var context: ChannelHandlerContext?
    private var outgoing: ByteBuffer
    /// Commands read but not yet run, from `nextCommand` on: those of the current read, and any
    /// behind a blocked command or after QUIT. One array, so that a run hands the simulator a
    /// slice of it and copies nothing.
    private var commands: [[ByteString]] = []
    private var nextCommand = 0
    /// A protocol error read after `commands`; the decoder reads nothing after one.
    private var protocolError: String?
    private var blocked = false
    private var closing = false
    /// True while this client's own commands run: pushes they cause (extra SUBSCRIBE
    /// confirmations) are written after the reply of the command that caused them.
    private var executing = false
    /// Those pushes, each with the number of the pipeline's results that precede it.
    private var pushesDuringCommand: [(afterResults: Int, value: RESPValue)] = []
    /// The results of one run, kept to reuse its capacity.
    private var pipelineResults: [ExecutionResult] = []
    /// Messages from other clients' commands, waiting for this connection's event loop.
    private let mailbox = PushMailbox()

    init(simulator: Simulator, onShutdown: @escaping @Sendable () -> Void) {
        self.simulator = simulator
        self.onShutdown = onShutdown
        outgoing = ByteBufferAllocator().buffer(capacity: 0)
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        outgoing = context.channel.allocator.buffer(capacity: 1024)
    }

    func channelActive(context: ChannelHandlerContext) {
        let client = simulator.connect()
        if let remote = context.channel.remoteAddress { client.address = Self.describe(remote) }
        if let local = context.channel.localAddress { client.localAddress = Self.describe(local) }
        let loop = context.eventLoop
        let bound = NIOLoopBound(self, eventLoop: loop)
        let mailbox = self.mailbox
        // These handlers run under the simulator's lock, possibly on another thread: they only
        // hand their work to this connection's event loop.
        client.pushHandler = { value in
            if loop.inEventLoop, bound.value.executing {
                let handler = bound.value
                handler.pushesDuringCommand.append((handler.pipelineResults.count, value))
            } else if mailbox.post(value) {
                loop.execute { bound.value.deliverPushes() }
            }
        }
        client.deferredReplyHandler = { value in
            loop.execute { bound.value.deliverDeferredReply(value) }
        }
        client.closeHandler = {
            loop.execute { bound.value.closeKilledConnection() }
        }
        authenticated = client.isAuthenticated
        self.client = client
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var input = unwrapInboundIn(data)
        if var pending = unread {
            unread = nil
            pending.writeBuffer(&input)
            input = pending
        }
        while let frame = decoder.next(from: &input, authenticated: authenticated) {
            switch frame {
            case .command(let arguments):
                commands.append(arguments)
                if mustRunBeforeNextRequest(arguments) || commands.count - nextCommand >= Self.pipelineLimit { runQueued() }
            case .protocolError(let message):
                protocolError = message
                runQueued()
            }
        }
        // A request cut off by the client closing is dropped with these bytes, as Redis drops it.
        if input.readableBytes > 0 {
            input.discardReadBytes()
            unread = input
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        runQueued()
        flush()
        context.fireChannelReadComplete()
    }

    func channelInactive(context: ChannelHandlerContext) {
        dropUnrunRequests()
        if let client {
            client.pushHandler = nil
            client.deferredReplyHandler = nil
            client.closeHandler = nil
            simulator.disconnect(client)
        }
        client = nil
        context.fireChannelInactive()
    }

    /// True for a request that must run before the decoder reads the next one: the decoder's
    /// limits depend on whether the client is authenticated, which AUTH, HELLO, RESET and EXEC
    /// (of a queued AUTH) can change, as can anything an unauthenticated client sends.
    /// SHUTDOWN and protocol errors end the connection's requests.
    private func mustRunBeforeNextRequest(_ arguments: [ByteString]) -> Bool {
        guard let name = arguments.first else { return true }
        if !authenticated { return true }
        switch name.count {
        case 4: return name.equalsIgnoringCase("auth") || name.equalsIgnoringCase("exec")
        case 5: return name.equalsIgnoringCase("hello") || name.equalsIgnoringCase("reset")
        case 8: return ShutdownRequest.isShutdown(arguments)
        default: return false
        }
    }

    /// Runs queued requests until none is left, the client blocks, or the connection closes:
    /// ordinary commands in runs, each run under one lock; SHUTDOWN and a protocol error alone.
    private func runQueued() {
        while !blocked, !closing, let client {
            guard nextCommand < commands.count else {
                commands.removeAll(keepingCapacity: true)
                nextCommand = 0
                if let message = protocolError {
                    protocolError = nil
                    answerProtocolError(message)
                }
                return
            }
            // SHUTDOWN ends a run: the server, not the simulator, answers it.
            var end = nextCommand
            while end < commands.count, !ShutdownRequest.isShutdown(commands[end]) { end += 1 }
            if end == nextCommand {
                let shutdown = commands[nextCommand]
                nextCommand += 1
                runShutdown(shutdown, for: client)
                continue
            }
            executing = true
            let ran = simulator.execute(pipeline: commands[nextCommand..<end], for: client) { result in
                // Under the lock now: messages posted before this run happened before it, so
                // they go out before its replies.
                if pipelineResults.isEmpty { writeMessages(mailbox.collect()) }
                pipelineResults.append(result)
            }
            executing = false
            nextCommand += ran
            if ran == 0 {
                // CLIENT KILL from another connection closed this client before it could run.
                closeKilledConnection()
                return
            }
            authenticated = client.isAuthenticated
            writePipelineResults()
            if client.closeAfterReply { closeAfterFlush() }
        }
        // Behind a blocked command, drop what already ran rather than keep it to the end.
        if nextCommand >= Self.pipelineLimit {
            commands.removeFirst(nextCommand)
            nextCommand = 0
        }
    }

    private func dropUnrunRequests() {
        commands.removeAll()
        nextCommand = 0
        protocolError = nil
    }

    private func writePipelineResults() {
        var nextPush = 0
        for (index, result) in pipelineResults.enumerated() {
            switch result {
            case .reply(let reply): outgoing.writeRESPValue(reply)
            case .replies(let replies): for reply in replies { outgoing.writeRESPValue(reply) }
            case .blocked: blocked = true
            }
            while nextPush < pushesDuringCommand.count, pushesDuringCommand[nextPush].afterResults <= index {
                outgoing.writeRESPValue(pushesDuringCommand[nextPush].value)
                nextPush += 1
            }
        }
        for push in pushesDuringCommand[nextPush...] { outgoing.writeRESPValue(push.value) }
        pushesDuringCommand.removeAll(keepingCapacity: true)
        pipelineResults.removeAll(keepingCapacity: true)
    }

    /// Redis answers a protocol error and closes the connection.
    private func answerProtocolError(_ message: String) {
        // Redis sends protocol errors through addReplyError, which gives them the ERR code.
        outgoing.writeRESPValue(.error("ERR " + message))
        closeAfterFlush()
    }

    /// SHUTDOWN, which the server (not the simulator) carries out.
    private func runShutdown(_ arguments: [ByteString], for client: SimulatorClient) {
        guard client.isAuthenticated else {
            // Redis checks authentication before anything else SHUTDOWN does.
            outgoing.writeRESPValue(.error("NOAUTH Authentication required."))
            return
        }
        switch ShutdownRequest.parse(arguments) {
        case .success?:
            closing = true
            context?.close(promise: nil)
            onShutdown()
        case .failure(let refusal)?:
            outgoing.writeRESPValue(refusal.reply)
        case nil:
            break
        }
    }

    /// CLIENT KILL from another connection: Redis closes at once, dropping unsent replies.
    private func closeKilledConnection() {
        guard !closing else { return }
        closing = true
        dropUnrunRequests()
        outgoing.clear()
        context?.close(promise: nil)
    }

    private func deliverPushes() {
        writeMessages(mailbox.collect())
        flush()
    }

    private func writeMessages(_ messages: [RESPValue]) {
        guard client != nil, !closing else { return }
        for message in messages { outgoing.writeRESPValue(message) }
    }

    private func deliverDeferredReply(_ value: RESPValue) {
        guard client != nil, blocked, !closing else { return }
        blocked = false
        outgoing.writeRESPValue(value)
        runQueued()
        flush()
    }

    private func flush() {
        guard let context, outgoing.readableBytes > 0 else { return }
        let buffer = outgoing
        outgoing = context.channel.allocator.buffer(capacity: 1024)
        context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
    }

    private func closeAfterFlush() {
        closing = true
        guard let context else { return }
        let buffer = outgoing
        outgoing = context.channel.allocator.buffer(capacity: 0)
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(buffer)).whenComplete { _ in channel.close(promise: nil) }
    }

    static func describe(_ address: SocketAddress) -> String {
        switch address {
        case .v6: return "\(address.ipAddress ?? "::"):\(address.port ?? 0)"
        case .v4: return "\(address.ipAddress ?? "0.0.0.0"):\(address.port ?? 0)"
        case .unixDomainSocket: return address.pathname ?? "unix"
        }
    }
}
