import Dispatch
import CEpoll
import NIOCore
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A descriptor a `ServeEventLoop` watches, told when it is ready.
protocol ServeLoopSource: AnyObject {
    /// The descriptor is ready: `events` are epoll's flags for it.
    func ready(events: UInt32)
}

/// One thread of serve's own: an epoll loop over its connections, with a task queue other
/// threads add to and timers. An `EventLoop`, so the rest of the server (`NIOLoopBound`,
/// futures, repeated tasks) uses it as it used SwiftNIO's.
///
/// SwiftNIO's channels cost serve 1-3 µs more CPU than redis-server on every unpipelined
/// request (the channel pipeline, lifecycle checks, pending-writes bookkeeping); this loop does
/// what Redis's `ae` does and no more: one `read` per readable socket, replies written straight
/// from the connection's buffer, tasks and timers between waits.
final class ServeEventLoop: EventLoop, @unchecked Sendable {
    /// What other threads share with the loop, under one lock.
    private struct Shared {
        var tasks: [@Sendable () -> Void] = []
        /// True while the eventfd has been written and the loop has not yet drained it.
        var wakeupPending = false
        var stopRequested = false
        var stopWaiters: [@Sendable () -> Void] = []
        var stopped = false
    }

    private struct Timer {
        let id: UInt64
        let deadline: NIODeadline
        let run: @Sendable () -> Void
        let abandon: @Sendable () -> Void
    }

    private let epoll: Int32
    /// The eventfd other threads, and caught signals, wake the loop with.
    let wakeup: Int32
    private let shared = Mutex(Shared())
    private let nextTimerID = Atomic<UInt64>(1)
    private var thread = pthread_t()
    // Read and written on the loop's thread only.
    private var running: [@Sendable () -> Void] = []
    private var sources: [ServeLoopSource?] = []
    private var timers: [Timer] = []
    /// Run once at the end of every turn, after the turn's reads, timers and tasks, as Redis runs
    /// `beforeSleep`; set on the loop (`atEachTurnEnd`).
    private var turnEnd: (() -> Void)?
    /// What `handleSignals` runs here for a caught signal, and the signals it caught them for.
    var signalHandler: ((Int32) -> Void)?
    var handledSignals: [Int32] = []

    /// The most tasks run before looking at the sockets again.
    private static let tasksPerTurn = 4096

    /// Starts the loop's thread, named `name`; throws when the system refuses a descriptor or
    /// a thread (out of file descriptors, or of memory).
    init(name: String) throws(ServeSocketError) {
        epoll = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard epoll >= 0 else { throw ServeSocketError("epoll_create1") }
        wakeup = eventfd(0, Int32(EFD_CLOEXEC | EFD_NONBLOCK))
        guard wakeup >= 0 else {
            let error = ServeSocketError("eventfd")
            Glibc.close(epoll)
            throw error
        }
        var event = epoll_event(events: EPOLLIN.rawValue, data: epoll_data_t(fd: wakeup))
        epoll_ctl(epoll, EPOLL_CTL_ADD, wakeup, &event)
        let started = DispatchSemaphore(value: 0)
        let box = Unmanaged.passRetained(ThreadStart(loop: self, name: name, started: started))
        var created = pthread_t()
        let result = pthread_create(&created, nil, { argument in
            let start = Unmanaged<ThreadStart>.fromOpaque(argument!).takeRetainedValue()
            start.loop.thread = pthread_self()
            redislings_name_thread(String(start.name.prefix(15)))
            start.started.signal()
            start.loop.run()
            return nil
        }, box.toOpaque())
        guard result == 0 else {
            box.release()
            Glibc.close(epoll)
            Glibc.close(wakeup)
            throw ServeSocketError("pthread_create", code: result)
        }
        pthread_detach(created)
        started.wait()
    }

    private final class ThreadStart {
        let loop: ServeEventLoop
        let name: String
        let started: DispatchSemaphore
        init(loop: ServeEventLoop, name: String, started: DispatchSemaphore) {
            self.loop = loop
            self.name = name
            self.started = started
        }
    }

    var inEventLoop: Bool { pthread_equal(pthread_self(), thread) != 0 }

    func execute(_ task: @escaping @Sendable () -> Void) {
        let wake = shared.withLock { shared in
            shared.tasks.append(task)
            guard !shared.wakeupPending else { return false }
            shared.wakeupPending = true
            return true
        }
        // On the loop, the task runs before the loop waits again: nothing to wake.
        if wake, !inEventLoop { signalWakeup() }
    }

    private func signalWakeup() {
        var one: UInt64 = 1
        _ = Glibc.write(wakeup, &one, 8)
    }

    @discardableResult
    func scheduleTask<T>(deadline: NIODeadline, _ task: @escaping @Sendable () throws -> T) -> Scheduled<T> {
        let promise = makePromise(of: T.self)
        let id = nextTimerID.wrappingAdd(1, ordering: .relaxed).oldValue
        let timer = Timer(
            id: id, deadline: deadline,
            // Timers run on this loop, where the promise lives: its value need not be Sendable.
            run: { promise.assumeIsolatedUnsafeUnchecked().completeWith(Result { try task() }) },
            abandon: { promise.fail(EventLoopError.shutdown) })
        execute { self.add(timer) }
        return Scheduled(promise: promise) {
            self.execute {
                guard let index = self.timers.firstIndex(where: { $0.id == id }) else { return }
                self.timers.remove(at: index)
                promise.fail(EventLoopError.cancelled)
            }
        }
    }

    @discardableResult
    func scheduleTask<T>(in delay: TimeAmount, _ task: @escaping @Sendable () throws -> T) -> Scheduled<T> {
        scheduleTask(deadline: .now() + delay, task)
    }

    func preconditionInEventLoop(file: StaticString, line: UInt) {
        precondition(inEventLoop, "not on the event loop", file: file, line: line)
    }

    func preconditionNotInEventLoop(file: StaticString, line: UInt) {
        precondition(!inEventLoop, "on the event loop", file: file, line: line)
    }

    func shutdownGracefully(queue: DispatchQueue, _ callback: @escaping @Sendable (Error?) -> Void) {
        let alreadyStopped = shared.withLock { shared in
            if shared.stopped { return true }
            shared.stopRequested = true
            shared.stopWaiters.append { queue.async { callback(nil) } }
            return false
        }
        if alreadyStopped {
            queue.async { callback(nil) }
        } else {
            signalWakeup()
        }
    }

    /// Stops the loop once the tasks queued before this call have run.
    func shutdown() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            shutdownGracefully(queue: .global()) { _ in continuation.resume() }
        }
    }

    /// Runs `action` at the end of each turn from the next one on, in place of any set before,
    /// until the loop stops. (A task queued per turn would cost an allocation and two
    /// acquisitions of the task lock on every turn that reads a request.)
    func atEachTurnEnd(_ action: @escaping @Sendable () -> Void) {
        execute { self.turnEnd = action }
    }

    // MARK: Sources (on the loop only)

    /// Watches `fd` for reading (and writing when `writable`), telling `source`.
    func register(_ fd: Int32, _ source: ServeLoopSource, writable: Bool = false) {
        let index = Int(fd)
        if index >= sources.count { sources += Array(repeating: nil, count: index + 1 - sources.count + 64) }
        sources[index] = source
        var event = epoll_event(events: Self.flags(writable: writable), data: epoll_data_t(fd: fd))
        epoll_ctl(epoll, EPOLL_CTL_ADD, fd, &event)
    }

    /// Changes whether `fd` is watched for writing.
    func watch(_ fd: Int32, writable: Bool) {
        var event = epoll_event(events: Self.flags(writable: writable), data: epoll_data_t(fd: fd))
        epoll_ctl(epoll, EPOLL_CTL_MOD, fd, &event)
    }

    /// Stops watching `fd`, before it is closed.
    func deregister(_ fd: Int32) {
        epoll_ctl(epoll, EPOLL_CTL_DEL, fd, nil)
        if Int(fd) < sources.count { sources[Int(fd)] = nil }
    }

    private static func flags(writable: Bool) -> UInt32 {
        writable ? EPOLLIN.rawValue | EPOLLOUT.rawValue : EPOLLIN.rawValue
    }

    // MARK: The loop

    private func add(_ timer: Timer) {
        let index = timers.firstIndex { $0.deadline > timer.deadline } ?? timers.endIndex
        timers.insert(timer, at: index)
    }

    private func run() {
        var events = [epoll_event](repeating: epoll_event(), count: 256)
        while true {
            let count = epoll_wait(epoll, &events, Int32(events.count), waitMilliseconds())
            if count > 0 {
                for index in 0..<Int(count) {
                    let fd = events[index].data.fd
                    if fd == wakeup {
                        drainWakeup()
                    } else if Int(fd) < sources.count, let source = sources[Int(fd)] {
                        source.ready(events: events[index].events)
                    }
                }
            }
            runDueTimers()
            let stop = runTasks()
            turnEnd?()
            if stop { break }
        }
        turnEnd = nil
        for timer in timers { timer.abandon() }
        timers.removeAll()
        stopHandlingSignals()
        Glibc.close(epoll)
        Glibc.close(wakeup)
        let waiters = shared.withLock { shared in
            shared.stopped = true
            defer { shared.stopWaiters.removeAll() }
            return shared.stopWaiters
        }
        for waiter in waiters { waiter() }
    }

    /// How long the next wait may last: not at all with tasks queued, until the next timer, or
    /// until a socket or another thread wakes it.
    private func waitMilliseconds() -> Int32 {
        if shared.withLock({ !$0.tasks.isEmpty || $0.stopRequested }) { return 0 }
        guard let next = timers.first?.deadline else { return -1 }
        let now = NIODeadline.now()
        guard next > now else { return 0 }
        let nanoseconds = (next - now).nanoseconds
        return Int32(clamping: (nanoseconds + 999_999) / 1_000_000)
    }

    private func drainWakeup() {
        var value: UInt64 = 0
        _ = Glibc.read(wakeup, &value, 8)
        if signalHandler != nil { deliverCaughtSignals() }
    }

    private func runDueTimers() {
        guard !timers.isEmpty else { return }
        let now = NIODeadline.now()
        while let first = timers.first, first.deadline <= now {
            timers.removeFirst()
            first.run()
        }
    }

    /// Runs what is queued (and what those tasks queue, up to `tasksPerTurn`); true once a stop
    /// was asked for and nothing is left to run.
    private func runTasks() -> Bool {
        var ran = 0
        while ran < Self.tasksPerTurn {
            let stop: Bool = shared.withLock { shared in
                swap(&shared.tasks, &running)
                shared.wakeupPending = false
                return shared.stopRequested
            }
            if running.isEmpty { return stop }
            for task in running { task() }
            ran += running.count
            running.removeAll(keepingCapacity: true)
        }
        return false
    }
}
