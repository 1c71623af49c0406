import NIOCore
import NIOPosix

#if canImport(Glibc)
import Glibc
#endif
import RESP
import RedisSimulator
import Synchronization

/// Serves a simulator over RESP on a TCP port, so redis-cli, redis-py, redis-benchmark and any
/// client can use it.
public final class RESPServer: Sendable {
    /// The simulator served.
    public let simulator: Simulator
    private let state = Mutex(State())
    /// The loops connections are served on; the first also accepts them and runs the timers.
    private let loops: [ServeEventLoop]
    private let scriptThread = ScriptThread()
    /// The link to a primary, when the simulator is a replica.
    private let replicaLink: ReplicaLinkDriver
    /// Each event loop's delivery of pushed messages, in the order of `loops`.
    private let deliveries: [LoopPushDelivery]

    private struct State {
        var listener: ServeListener?
        var connections: [ObjectIdentifier: ServeConnection] = [:]
        var nextLoop = 0
        var ticker: RepeatedTask?
        var memoryReturn: RepeatedTask?
        var stopping = false
        var stopped = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    /// How often expiry and blocked-client timeouts run.
    public static let tickInterval = TimeAmount.milliseconds(100)

    /// A server for `simulator`; `threads` event loops share it (the simulator serialises
    /// commands). Throws when the system refuses the loops their descriptors or threads.
    public init(simulator: Simulator, threads: Int = System.coreCount) throws {
        self.simulator = simulator
        var loops: [ServeEventLoop] = []
        do {
            for index in 0..<max(1, threads) { loops.append(try ServeEventLoop(name: "serve-loop-\(index)")) }
        } catch {
            // The loops already started stop with their threads.
            for loop in loops { loop.shutdownGracefully { _ in } }
            throw error
        }
        self.loops = loops
        deliveries = loops.map { LoopPushDelivery(eventLoop: $0) }
        replicaLink = ReplicaLinkDriver(simulator: simulator)
    }

    /// Binds `host:port` (port 0 picks a free one) and starts serving; returns the bound port.
    @discardableResult
    public func start(host: String = "127.0.0.1", port: Int = 6379) async throws -> Int {
        let simulator = simulator
        let acceptor = loops[0]
        let listener = try ServeListener(host: host, port: port, loop: acceptor) { [weak self] fd in
            guard let self else {
                Glibc.close(fd)
                return
            }
            self.admit(fd)
        }
        try await acceptor.submit { listener.start() }.get()
        let replicaLink = replicaLink
        let ticker = acceptor.scheduleRepeatedTask(initialDelay: Self.tickInterval, delay: Self.tickInterval) { _ in
            simulator.tickUnlessBusy()
            replicaLink.tick()
        }
        let freedMemory = FreedMemoryReturn()
        let interval = TimeAmount.seconds(FreedMemoryReturn.interval.components.seconds)
        let memoryReturn = acceptor.scheduleRepeatedTask(initialDelay: interval, delay: interval) { _ in
            freedMemory.checkOnSchedule()
        }
        state.withLock { state in
            state.listener = listener
            state.ticker = ticker
            state.memoryReturn = memoryReturn
        }
        return listener.port
    }

    /// Takes a new connection, or refuses it when `maxclients` is reached (Redis compares the
    /// clients it has with the limit before taking one more); on the accepting loop.
    private func admit(_ fd: Int32) {
        enum Admission { case admitted(ServeConnection, loopIndex: Int), overLimit, stopping }
        let maxClients = simulator.connectionLimits.maxClients
        let admission: Admission = state.withLock { state in
            if state.stopping { return .stopping }
            guard Int64(state.connections.count) < maxClients else { return .overLimit }
            let loopIndex = state.nextLoop
            state.nextLoop = (loopIndex + 1) % loops.count
            let connection = ServeConnection(fd: fd, loop: loops[loopIndex]) { [weak self] closed in
                _ = self?.state.withLock { $0.connections.removeValue(forKey: ObjectIdentifier(closed)) }
            }
            state.connections[ObjectIdentifier(connection)] = connection
            return .admitted(connection, loopIndex: loopIndex)
        }
        switch admission {
        case .stopping:
            Glibc.close(fd)
        case .overLimit:
            // As Redis's acceptCommonHandler: the error, written without waiting, then the close.
            _ = ServeListener.refusal.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            Glibc.close(fd)
        case .admitted(let connection, let loopIndex):
            let loop = connection.loop
            let delivery = deliveries[loopIndex]
            let handler = SimulatorClientHandler(
                connection: connection, simulator: simulator, scriptThread: scriptThread, delivery: delivery,
                onShutdown: { [weak self] in
                    guard let self else { return }
                    Task { await self.stop() }
                })
            if loop.inEventLoop {
                handler.start()
            } else {
                // Made here, used only on its loop from now on.
                let handoff = LoopConfined(handler)
                loop.execute { handoff.value.start() }
            }
        }
    }

    /// Runs `handler` for each of `signals` (SIGINT, SIGTERM) the process receives while the
    /// server runs, on its first loop: no descriptor is spent on them, so even a server
    /// started with its last descriptors can be stopped.
    public func handleSignals(_ signals: [Int32], _ handler: @escaping @Sendable (Int32) -> Void) async {
        let loop = loops[0]
        try? await loop.submit { loop.handleSignals(signals, handler) }.get()
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
        if let listener { try? await listener.loop.submit { listener.close() }.get() }
        await replicaLink.stop()
        for connection in connections { try? await connection.loop.submit { connection.close() }.get() }
        // Each loop runs the closes' last tasks (the clients leaving the simulator) before it stops.
        for loop in loops { await loop.shutdown() }
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
