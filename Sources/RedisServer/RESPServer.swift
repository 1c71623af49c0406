import NIOCore
import NIOPosix
import RESP
import RedisSimulator
import Synchronization

/// Serves a simulator over RESP on a TCP port, so redis-cli, redis-py, redis-benchmark and any
/// client can use it.
public final class RESPServer: Sendable {
    /// The simulator served.
    public let simulator: Simulator
    private let state = Mutex(State())
    private let group: MultiThreadedEventLoopGroup
    private let scriptThread = ScriptThread()
    /// The link to a primary, when the simulator is a replica.
    private let replicaLink: ReplicaLinkDriver
    /// Each event loop's delivery of pushed messages, by loop.
    private let deliveries: [ObjectIdentifier: LoopPushDelivery]

    private struct State {
        var listener: (any Channel)?
        var connections: [ObjectIdentifier: any Channel] = [:]
        var ticker: RepeatedTask?
        var memoryReturn: RepeatedTask?
        var stopping = false
        var stopped = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    /// How often expiry and blocked-client timeouts run.
    public static let tickInterval = TimeAmount.milliseconds(100)

    /// A server for `simulator`; `threads` event loops share it (the simulator serialises commands).
    public init(simulator: Simulator, threads: Int = System.coreCount) {
        self.simulator = simulator
        group = MultiThreadedEventLoopGroup(numberOfThreads: max(1, threads))
        var deliveries: [ObjectIdentifier: LoopPushDelivery] = [:]
        for loop in group.makeIterator() {
            deliveries[ObjectIdentifier(loop)] = LoopPushDelivery(eventLoop: loop)
        }
        self.deliveries = deliveries
        replicaLink = ReplicaLinkDriver(simulator: simulator, group: group)
    }

    /// Binds `host:port` (port 0 picks a free one) and starts serving; returns the bound port.
    @discardableResult
    public func start(host: String = "127.0.0.1", port: Int = 6379) async throws -> Int {
        let simulator = simulator
        let scriptThread = scriptThread
        let deliveries = deliveries
        let shutdown: @Sendable () -> Void = { [weak self] in
            guard let self else { return }
            Task { await self.stop() }
        }
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 511)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.maxMessagesPerRead, value: 16)
            .serverChannelInitializer { channel in
                // Out of file descriptors, accept fails at once, again and again: wait a little
                // between tries instead of spinning (NIO's async bootstrap adds this itself).
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(AcceptBackoffHandler())
                }
            }
            .childChannelInitializer { [weak self] channel in
                let admitted = self?.track(channel) ?? false
                return channel.eventLoop.makeCompletedFuture {
                    if admitted {
                        let loop = channel.eventLoop
                        let delivery = deliveries[ObjectIdentifier(loop)] ?? LoopPushDelivery(eventLoop: loop)
                        try channel.pipeline.syncOperations.addHandler(
                            SimulatorClientHandler(
                                simulator: simulator, scriptThread: scriptThread, delivery: delivery,
                                onShutdown: shutdown))
                    } else {
                        try channel.pipeline.syncOperations.addHandler(ConnectionRefusal())
                    }
                }
            }
        let listener = try await bootstrap.bind(host: host, port: port).get()
        let replicaLink = replicaLink
        let ticker = group.next().scheduleRepeatedTask(initialDelay: Self.tickInterval, delay: Self.tickInterval) { _ in
            simulator.tickUnlessBusy()
            replicaLink.tick()
        }
        let freedMemory = FreedMemoryReturn()
        let interval = TimeAmount.seconds(FreedMemoryReturn.interval.components.seconds)
        let memoryReturn = group.next().scheduleRepeatedTask(initialDelay: interval, delay: interval) { _ in
            freedMemory.checkOnSchedule()
        }
        state.withLock { state in
            state.listener = listener
            state.ticker = ticker
            state.memoryReturn = memoryReturn
        }
        return listener.localAddress?.port ?? port
    }

    /// Counts a new connection in; false when it must be refused (`maxclients` reached: Redis
    /// compares the clients it has with the limit before taking one more).
    private func track(_ channel: any Channel) -> Bool {
        enum Admission { case admitted, overLimit, stopping }
        let id = ObjectIdentifier(channel)
        let maxClients = simulator.connectionLimits.maxClients
        let admission: Admission = state.withLock { state in
            if state.stopping { return .stopping }
            guard Int64(state.connections.count) < maxClients else { return .overLimit }
            state.connections[id] = channel
            return .admitted
        }
        switch admission {
        case .stopping:
            channel.close(promise: nil)
            return false
        case .overLimit:
            return false
        case .admitted:
            channel.closeFuture.whenComplete { [weak self] _ in
                _ = self?.state.withLock { $0.connections.removeValue(forKey: id) }
            }
            return true
        }
    }

    /// Stops accepting, closes every connection (their clients leave the simulator) and
    /// releases the threads. Safe to call more than once.
    public func stop() async {
        let (listener, connections, ticker, memoryReturn, first) = state.withLock { state in
            defer { state.stopping = true }
            return (
                state.listener, Array(state.connections.values), state.ticker, state.memoryReturn,
                !state.stopping
            )
        }
        guard first else {
            await waitUntilStopped()
            return
        }
        ticker?.cancel()
        memoryReturn?.cancel()
        // A script still running would keep its clients waiting: stop it, written or not, as
        // SHUTDOWN NOSAVE does; nothing waits for it to notice.
        simulator.abortRunningScript()
        for _ in 0..<50 where simulator.scriptIsRunning {
            try? await Task.sleep(for: .milliseconds(10))
        }
        scriptThread.shutdown()
        try? await listener?.close()
        await replicaLink.stop()
        for connection in connections { try? await connection.close() }
        try? await group.shutdownGracefully()
        let waiters = state.withLock { state in
            state.stopped = true
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Waits until the server has stopped (by `stop()` or a client's SHUTDOWN).
    public func waitUntilStopped() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let done = state.withLock { state in
                if state.stopped { return true }
                state.waiters.append(continuation)
                return false
            }
            if done { continuation.resume() }
        }
    }
}
