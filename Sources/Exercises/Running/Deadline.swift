import Synchronization

/// How a race against the deadline ended.
enum DeadlineOutcome<T: Sendable>: Sendable {
    /// The operation finished first.
    case value(T)
    /// The deadline came first.
    case deadline
    /// `stuck` said the operation can never finish.
    case stuck
}

/// Runs `operation` until `deadline`, or until `stuck` (asked every few milliseconds) says it
/// can never finish. The operation is left running on its own when it loses (a blocked command
/// ends when its client is closed), so a command that never answers cannot hang the caller.
func withDeadline<T: Sendable>(
    _ deadline: ContinuousClock.Instant, stuck: (@Sendable () -> Bool)? = nil, _ operation: @escaping @Sendable () async -> T
) async -> DeadlineOutcome<T> {
    let once = ResumeOnce<DeadlineOutcome<T>>()
    return await withCheckedContinuation { (continuation: CheckedContinuation<DeadlineOutcome<T>, Never>) in
        once.set(continuation)
        let timer = Task {
            // A cancelled sleep means the operation won; only a full sleep may resume.
            guard (try? await Task.sleep(until: deadline, clock: .continuous)) != nil else { return }
            once.resume(.deadline)
        }
        let watcher = stuck.map { stuck in
            Task {
                while (try? await Task.sleep(for: .milliseconds(5))) != nil {
                    if stuck() {
                        once.resume(.stuck)
                        return
                    }
                }
            }
        }
        Task {
            let value = await operation()
            once.resume(.value(value))
            timer.cancel()
            watcher?.cancel()
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
