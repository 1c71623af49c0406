import Basics
import Foundation
import Synchronization

/// One thread, outside the pool that every task of the test process shares, that runs the jobs
/// of tests marked `.computesForSeconds`, one after another.
///
/// Swift Testing starts every test at once on that pool, a thread per core. A test that
/// computes for seconds without awaiting holds one of them for as long, and every task of the
/// process waiting behind it (an exercise's peer, a timer) waits as long: with two cores, two
/// such tests stall them all, and tests that budget their time fail.
public final class ComputeThread: TaskExecutor, @unchecked Sendable {
    /// The thread every `.computesForSeconds` test runs on.
    public static let shared = ComputeThread()

    // Guarded by `condition`.
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private let thread = Mutex<pthread_t?>(nil)

    private init() {
        // `shared` lives as long as the process, so the thread may hold it.
        startThread(named: "compute-tests") { [self] in self.serve() }
    }

    /// True on the compute thread itself.
    public var isCurrent: Bool { thread.withLock { $0 } == pthread_self() }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    private func serve() {
        thread.withLock { $0 = pthread_self() }
        while true {
            condition.lock()
            while jobs.isEmpty { condition.wait() }
            let job = jobs.removeFirst()
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}
