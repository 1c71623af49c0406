#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Ctrl-C while the REPL runs: a flag set by the SIGINT handler and read by whoever waits.
///
/// The handler is installed without `SA_RESTART`, so a blocking `read` or `poll` returns
/// `EINTR` and the waiting code can clear the line or stop listening.
public enum Interrupts {
    private static let flag = Atomic<Bool>(false)

    /// Installs the SIGINT handler.
    public static func install() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in Interrupts.press() }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
    }

    /// Notes a Ctrl-C: what the SIGINT handler does (async-signal-safe: one atomic store).
    static func press() {
        flag.store(true, ordering: .relaxed)
    }

    /// True when Ctrl-C was pressed since the last call; clears the flag.
    public static func take() -> Bool {
        flag.exchange(false, ordering: .relaxed)
    }

    /// Leaves the program as Ctrl-C leaves redis-cli during a command (status 130).
    public static func leave() -> Never {
        fputs("\n", stdout)
        fflush(stdout)
        exit(130)
    }

    /// True when Ctrl-C was pressed and not yet taken.
    public static var isPending: Bool { flag.load(ordering: .relaxed) }
}
