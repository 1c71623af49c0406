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

    /// True for the commands that may run a Lua script: the EVAL and FCALL families, and EXEC
    /// (which may hold a queued EVAL or FCALL).
    static func runsScripts(_ arguments: [ByteString]) -> Bool {
        guard let name = arguments.first else { return false }
        switch name.count {
        case 4: return name.equalsIgnoringCase("eval") || name.equalsIgnoringCase("exec")
        case 5: return name.equalsIgnoringCase("fcall")
        case 8: return name.equalsIgnoringCase("fcall_ro")
        case 7: return name.equalsIgnoringCase("evalsha") || name.equalsIgnoringCase("eval_ro")
        case 10: return name.equalsIgnoringCase("evalsha_ro")
        default: return false
        }
    }
}
