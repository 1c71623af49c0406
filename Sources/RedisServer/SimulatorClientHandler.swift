import NIOCore
import RESP
import RedisSimulator

/// Runs one connection's commands on the simulator, in order: pipelined requests are answered
/// in one write; a blocked command holds back the commands behind it (as Redis does) without
/// holding the event loop; pushes from other clients are written as they come.
final class SimulatorClientHandler: ChannelInboundHandler {
    typealias InboundIn = RESPRequestFrame
    typealias OutboundOut = ByteBuffer

    private let simulator: Simulator
    private let auth: ClientAuthState
    private let onShutdown: @Sendable () -> Void
    private var client: SimulatorClient?
    private var context: ChannelHandlerContext?
    private var outgoing: ByteBuffer
    /// Commands received while blocked or after QUIT, run once the block ends.
    private var waiting: [RESPRequestFrame] = []
    private var blocked = false
    private var closing = false
    /// True while this client's own command runs: pushes it causes (extra SUBSCRIBE
    /// confirmations) are written after its reply.
    private var executing = false
    private var pushesDuringCommand: [RESPValue] = []

    init(simulator: Simulator, auth: ClientAuthState, onShutdown: @escaping @Sendable () -> Void) {
        self.simulator = simulator
        self.auth = auth
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
        // Both handlers run under the simulator's lock, possibly on another thread: they only
        // hand the value to this connection's event loop.
        client.pushHandler = { value in
            if loop.inEventLoop, bound.value.executing {
                bound.value.pushesDuringCommand.append(value)
            } else {
                loop.execute { bound.value.deliverPush(value) }
            }
        }
        client.deferredReplyHandler = { value in
            loop.execute { bound.value.deliverDeferredReply(value) }
        }
        auth.authenticated = client.isAuthenticated
        self.client = client
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        if let client {
            client.pushHandler = nil
            client.deferredReplyHandler = nil
            simulator.disconnect(client)
        }
        client = nil
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        if blocked || closing || !waiting.isEmpty {
            waiting.append(frame)
        } else {
            run(frame)
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        flush()
        context.fireChannelReadComplete()
    }

    private func run(_ frame: RESPRequestFrame) {
        guard let client, !closing else { return }
        switch frame {
        case .protocolError(let message):
            outgoing.writeRESPValue(.error(message))
            closeAfterFlush()
        case .command(let arguments):
            if client.isAuthenticated, let shutdown = ShutdownRequest.parse(arguments) {
                switch shutdown {
                case .success:
                    closing = true
                    context?.close(promise: nil)
                    onShutdown()
                case .failure(let refusal):
                    outgoing.writeRESPValue(refusal.reply)
                }
                return
            }
            executing = true
            let result = simulator.execute(arguments, for: client)
            executing = false
            auth.authenticated = client.isAuthenticated
            switch result {
            case .reply(let reply):
                outgoing.writeRESPValue(reply)
                writePushesDuringCommand()
                if client.closeAfterReply { closeAfterFlush() }
            case .replies(let replies):
                for reply in replies { outgoing.writeRESPValue(reply) }
                writePushesDuringCommand()
            case .blocked:
                writePushesDuringCommand()
                blocked = true
            }
        }
    }

    private func writePushesDuringCommand() {
        guard !pushesDuringCommand.isEmpty else { return }
        for push in pushesDuringCommand { outgoing.writeRESPValue(push) }
        pushesDuringCommand.removeAll()
    }

    private func deliverPush(_ value: RESPValue) {
        guard client != nil, !closing else { return }
        outgoing.writeRESPValue(value)
        flush()
    }

    private func deliverDeferredReply(_ value: RESPValue) {
        guard client != nil, blocked else { return }
        blocked = false
        outgoing.writeRESPValue(value)
        while !blocked, !closing, !waiting.isEmpty {
            run(waiting.removeFirst())
        }
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
