import NIOPosix
import RedisSimulator

/// The one thread scripts run on, beside the event loops: a script may loop for as long as
/// it likes without stopping any connection from being read, answered BUSY, or closed.
final class ScriptThread: Sendable {
    private let pool = NIOThreadPool(numberOfThreads: 1)

    init() { pool.start() }

    /// Runs `work` on the script thread.
    func submit(_ work: @escaping @Sendable () -> Void) {
        pool.submit { state in
            if case .active = state { work() }
        }
    }

    /// Stops taking work, without waiting for a script still running (a shutdown aborts it).
    func shutdown() {
        pool.shutdownGracefully { _ in }
    }
}
