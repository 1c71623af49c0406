import Synchronization

/// Runs `operation` until `deadline`: its value, or nil when the deadline came first. The
/// operation is left running on its own when it loses (a blocked command ends when its client
/// is closed), so a command that never answers cannot hang the caller.
func withDeadline<T: Sendable>(
    _ deadline: ContinuousClock.Instant, _ operation: @escaping @Sendable () async -> T
) async -> T? {
    let once = ResumeOnce<T?>()
    return await withCheckedContinuation { (continuation: CheckedContinuation<T?, Never>) in
        once.set(continuation)
        let timer = Task {
            // A cancelled sleep means the operation won; only a full sleep may resume with nil.
            guard (try? await Task.sleep(until: deadline, clock: .continuous)) != nil else { return }
            once.resume(nil)
        }
        Task {
            let value = await operation()
            once.resume(value)
            timer.cancel()
        }
    }
}

/// A continuation resumed by whichever of two racers comes first.
private final class ResumeOnce<T: Sendable>: Sendable {
    private let continuation = Mutex<CheckedContinuation<T, Never>?>(nil)

    func set(_ value: CheckedContinuation<T, Never>) {
        continuation.withLock { $0 = value }
    }

    func resume(_ value: T) {
        let taken = continuation.withLock { slot -> CheckedContinuation<T, Never>? in
            defer { slot = nil }
            return slot
        }
        taken?.resume(returning: value)
    }
}
