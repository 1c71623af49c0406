import NIOCore
import NIOPosix
import RedisSimulator
import Synchronization

/// Opens a replica's link to its primary when the simulator follows one (REPLICAOF host port,
/// `serve --replicaof`): the server's timer asks on every tick, and the simulator hands out a
/// target at most once a second while the link is down, as Redis's replicationCron retries.
/// The link is a client of another server and runs on SwiftNIO, on a thread of its own started
/// with the first link: a server that follows no primary has none.
final class ReplicaLinkDriver: Sendable {
    private let simulator: Simulator
    private let group = Mutex<MultiThreadedEventLoopGroup?>(nil)
    private let channel = Mutex<(any Channel)?>(nil)

    init(simulator: Simulator) {
        self.simulator = simulator
    }

    /// Opens the link if one is due; never waits.
    func tick() {
        guard let target = simulator.replicaLinkToOpen() else { return }
        let simulator = simulator
        let group = group.withLock { group in
            if let group { return group }
            let made = MultiThreadedEventLoopGroup(numberOfThreads: 1)
            group = made
            return made
        }
        let connecting = ClientBootstrap(group: group)
            .connectTimeout(.seconds(target.timeoutSeconds))
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(PrimaryLinkHandler(simulator: simulator, target: target))
                }
            }
            .connect(host: target.host, port: target.port)
        connecting.whenSuccess { [weak self] opened in
            self?.channel.withLock { $0 = opened }
        }
        connecting.whenFailure { _ in
            // Refused, unresolvable or timed out: the link is down and is tried again.
            Self.reportFailure(simulator, generation: target.generation, loop: connecting.eventLoop)
        }
    }

    /// Closes the link (the server is stopping).
    func stop() async {
        let open = channel.withLock { channel in
            defer { channel = nil }
            return channel
        }
        try? await open?.close()
        let started = group.withLock { group in
            defer { group = nil }
            return group
        }
        try? await started?.shutdownGracefully()
    }

    private static func reportFailure(_ simulator: Simulator, generation: Int64, loop: any EventLoop) {
        guard case .busy = simulator.replicaLinkDropped(generation: generation) else { return }
        loop.scheduleTask(in: .milliseconds(10)) { reportFailure(simulator, generation: generation, loop: loop) }
    }
}
