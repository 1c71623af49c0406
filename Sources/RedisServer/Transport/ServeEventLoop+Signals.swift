import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Signals caught and not yet handled, one bit per signal number. Set inside the signal
/// handler, which may run on any thread: an atomic is safe there, a lock is not.
private let caughtSignals = Atomic<UInt64>(0)
/// The eventfd of the loop that handles signals, or -1 when none does.
private let signalLoopWakeup = Atomic<Int32>(-1)

/// Marks the signal and wakes the loop: an atomic and a `write`, both safe in a signal handler.
/// The interrupted code may be about to read `errno`: the write must not change it.
private func markCaughtSignal(_ number: Int32) {
    let interruptedErrno = errno
    defer { errno = interruptedErrno }
    caughtSignals.bitwiseOr(UInt64(1) << UInt64(number), ordering: .releasing)
    let fd = signalLoopWakeup.load(ordering: .acquiring)
    guard fd >= 0 else { return }
    var one: UInt64 = 1
    _ = write(fd, &one, 8)
}

extension ServeEventLoop {
    /// Runs `handler` on this loop for each of `signals` the process receives, until the loop
    /// stops. Unlike a DispatchSource (a signalfd each) it needs no descriptor of its own: the
    /// handler marks the signal and wakes the loop through its eventfd, so a server started
    /// with its last descriptors can still be stopped with Ctrl-C or SIGTERM.
    func handleSignals(_ signals: [Int32], _ handler: @escaping (Int32) -> Void) {
        preconditionInEventLoop()
        precondition(signals.allSatisfy { $0 > 0 && $0 < 64 }, "a signal number fits the bit set")
        signalHandler = handler
        handledSignals = signals
        // Both globals are made here, before a handler can be the first to touch them (a lazy
        // global's one-time initialisation is not safe inside a signal handler).
        _ = caughtSignals.load(ordering: .relaxed)
        signalLoopWakeup.store(wakeup, ordering: .releasing)
        for number in signals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { markCaughtSignal($0) }
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_RESTART
            sigaction(number, &action, nil)
        }
    }

    /// Runs the handler for each signal caught since the last wakeup (on the loop).
    func deliverCaughtSignals() {
        let caught = caughtSignals.exchange(0, ordering: .acquiring)
        guard caught != 0, let handler = signalHandler else { return }
        for number in handledSignals where caught & (UInt64(1) << UInt64(number)) != 0 {
            handler(number)
        }
    }

    /// Gives the signals back their default action before the loop's eventfd closes.
    func stopHandlingSignals() {
        guard signalHandler != nil else { return }
        for number in handledSignals { signal(number, SIG_DFL) }
        signalLoopWakeup.store(-1, ordering: .releasing)
        signalHandler = nil
        handledSignals = []
    }
}
